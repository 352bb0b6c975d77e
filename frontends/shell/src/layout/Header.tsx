import { useSession, useTheme } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { Link, NavLink } from "react-router-dom";

const navClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "q-shell-nav__link q-shell-nav__link--active" : "q-shell-nav__link";

export function Header() {
  const { theme, toggleTheme } = useTheme();
  const { user, signOut } = useSession();
  const nextTheme = theme === "dark" ? "light" : "dark";

  return (
    <header className="q-shell-header">
      <div className="q-shell-header__inner">
        <Link to="/" className="q-shell-brand">
          Quire
        </Link>
        <nav aria-label="Main" className="q-shell-nav">
          <NavLink to="/" end className={navClass}>
            Home
          </NavLink>
          <NavLink to="/posts" className={navClass}>
            Posts
          </NavLink>
        </nav>
        <div className="q-shell-header__actions">
          <Button
            variant="ghost"
            size="small"
            onClick={toggleTheme}
            aria-label={`Switch to ${nextTheme} theme`}
          >
            {theme === "dark" ? "☀" : "☾"}
          </Button>
          {user ? (
            <>
              <span className="q-shell-user">{user.name}</span>
              <Button variant="secondary" size="small" onClick={signOut}>
                Sign out
              </Button>
            </>
          ) : (
            <Link to="/login" className="q-button q-button--secondary q-button--small">
              Sign in
            </Link>
          )}
        </div>
      </div>
    </header>
  );
}
