import { NavLink } from "@quire/shell-sdk";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "q-user-tabs__link q-user-tabs__link--active" : "q-user-tabs__link";

/** Moves between the reader's own pages. */
export function MyNav() {
  return (
    <nav aria-label="My account" className="q-user-tabs">
      <NavLink to="/my/bookmarks" className={linkClass}>
        Bookmarks
      </NavLink>
      <NavLink to="/my/comments" className={linkClass}>
        Comments
      </NavLink>
      <NavLink to="/my/settings" className={linkClass}>
        Settings
      </NavLink>
    </nav>
  );
}
