import { useLocation } from "@quire/shell-sdk";
import { type ReactNode, useEffect } from "react";
import { NoticePopup } from "../notices/NoticePopup";
import { findMount } from "../routes";
import { Sidebar } from "../sidebar/Sidebar";
import { Footer } from "./Footer";
import { Header } from "./Header";

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  // A new page starts at its top, as a full page load would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  // The sidebar belongs to the reader's pages; sign-in, account and admin screens use the full width.
  const withSidebar = findMount(pathname)?.remote === "blog";

  return (
    <div className="q-shell">
      <a href="#main" className="q-shell-skip-link">
        Skip to content
      </a>
      <Header />
      <div className={withSidebar ? "q-shell-body q-shell-body--sidebar" : "q-shell-body"}>
        <main id="main" className="q-shell-main" tabIndex={-1}>
          {children}
        </main>
        {withSidebar ? <Sidebar /> : null}
      </div>
      <Footer />
      {pathname === "/" ? <NoticePopup /> : null}
    </div>
  );
}
