import { type ReactNode, useEffect } from "react";
import { useLocation } from "react-router-dom";
import { Footer } from "./Footer";
import { Header } from "./Header";

export function Layout({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  // A new page starts at its top, as a full page load would.
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);

  return (
    <div className="q-shell">
      <a href="#main" className="q-shell-skip-link">
        Skip to content
      </a>
      <Header />
      <main id="main" className="q-shell-main" tabIndex={-1}>
        {children}
      </main>
      <Footer />
    </div>
  );
}
