import { NavLink, Outlet, useLocation } from "@quire/shell-sdk";
import { Spinner } from "@quire/ui";
import { Suspense, useEffect, useRef } from "react";

interface NavItem {
  label: string;
  path: string;
  /** Active only on this exact path, so "Posts" is not lit on "New post". */
  end?: boolean;
}

const NAV: NavItem[] = [
  { label: "Dashboard", path: "dashboard" },
  { label: "Posts", path: "posts", end: true },
  { label: "New post", path: "posts/new" },
  { label: "Drafts", path: "drafts" },
  { label: "Comments", path: "comments" },
  { label: "Users", path: "users" },
  { label: "Categories & tags", path: "taxonomy" },
  { label: "Notices", path: "notices" },
  { label: "Pages", path: "pages" },
  { label: "Storage", path: "storage" },
  { label: "Backups", path: "backups" },
  { label: "Event pipeline", path: "events" },
  { label: "Bug reports", path: "bug-reports" },
];

const linkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "q-admin-nav__link q-admin-nav__link--active" : "q-admin-nav__link";

/**
 * The admin area's frame: its navigation beside the screen (a horizontal scroller on narrow screens), and
 * a loading state while a screen's code arrives.
 */
export function AdminLayout({ basePath }: { basePath: string }) {
  const base = basePath.endsWith("/") ? basePath : `${basePath}/`;
  const navRef = useRef<HTMLElement>(null);
  const { pathname } = useLocation();

  // On narrow screens the navigation scrolls sideways: bring the current screen's link into view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!nav || !active || nav.scrollWidth <= nav.clientWidth) return;
    const navBox = nav.getBoundingClientRect();
    const linkBox = active.getBoundingClientRect();
    nav.scrollLeft += linkBox.left - navBox.left - (navBox.width - linkBox.width) / 2;
  }, [pathname]);

  return (
    <div className="q-admin-layout">
      <nav aria-label="Admin" className="q-admin-nav" ref={navRef}>
        <ul className="q-admin-nav__list">
          {NAV.map((item) => (
            <li key={item.path}>
              <NavLink to={`${base}${item.path}`} end={item.end} className={linkClass}>
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <div className="q-admin-content">
        <Suspense fallback={<Spinner label="Loading the screen" />}>
          <Outlet />
        </Suspense>
      </div>
    </div>
  );
}
