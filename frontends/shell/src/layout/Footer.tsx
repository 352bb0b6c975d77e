import { Link } from "@quire/shell-sdk";

export function Footer() {
  return (
    <footer className="q-shell-footer">
      <div className="q-shell-footer__inner">
        <span>© {new Date().getFullYear()} Quire</span>
        <nav aria-label="Footer" className="q-shell-footer__nav">
          <Link to="/introduce">About</Link>
          <Link to="/privacy">Privacy</Link>
          <Link to="/bug-reports">Bug reports</Link>
          <Link to="/bug-report">Report a bug</Link>
          {/* Served by the blog service through the shell's origin, not a screen of the app */}
          <a href="/rss.xml">RSS</a>
        </nav>
      </div>
    </footer>
  );
}
