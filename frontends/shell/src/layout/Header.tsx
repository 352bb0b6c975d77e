import { graphqlRequest, useSession, useTheme } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { Link, NavLink } from "react-router-dom";

const LOGOUT = "mutation ShellLogout { logout }";

const navClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? "q-shell-nav__link q-shell-nav__link--active" : "q-shell-nav__link";

export function Header() {
  const { theme, toggleTheme } = useTheme();
  const { user, signOut } = useSession();
  const nextTheme = theme === "dark" ? "light" : "dark";

  // The server revokes the refresh token and clears its cookie; the local session ends even if that fails.
  const onSignOut = async () => {
    try {
      await graphqlRequest<{ logout: boolean }>(LOGOUT);
    } catch {
      // Offline or already signed out: nothing more to revoke from here.
    }
    signOut();
  };

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
          <NavLink to="/categories" className={navClass}>
            Categories
          </NavLink>
          <NavLink to="/notices" className={navClass}>
            Notices
          </NavLink>
          <NavLink to="/search" className={navClass}>
            Search
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
              <NavLink to="/my/bookmarks" className="q-shell-user">
                {user.name}
              </NavLink>
              <Button variant="secondary" size="small" onClick={() => void onSignOut()}>
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
