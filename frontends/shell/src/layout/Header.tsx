import { Link, NavLink, useSession, useTheme } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { HeaderSearch } from "../search/HeaderSearch";
import { UserMenu } from "./UserMenu";

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
        <HeaderSearch />
        <div className="q-shell-header__actions">
          <Button
            variant="ghost"
            size="small"
            onClick={toggleTheme}
            aria-label={`Switch to ${nextTheme} theme`}
          >
            <span aria-hidden="true">{theme === "dark" ? "☀" : "☾"}</span>
          </Button>
          {user ? (
            <UserMenu user={user} onSignedOut={signOut} />
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
