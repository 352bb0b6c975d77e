import { graphqlRequest, Link, type SessionUser, useLocation } from "@quire/shell-sdk";
import { useEffect, useId, useRef, useState } from "react";

const LOGOUT = /* GraphQL */ `mutation ShellLogout { logout }`;

function Avatar({ user }: { user: SessionUser }) {
  if (user.avatarUrl) {
    // Decorative: the name is beside it.
    return <img className="q-shell-avatar" src={user.avatarUrl} alt="" width={28} height={28} />;
  }
  return (
    <span className="q-shell-avatar q-shell-avatar--initial" aria-hidden="true">
      {user.name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/**
 * The signed-in reader's menu: a disclosure (a button that shows a list of links), which keyboards and
 * screen readers handle without a custom menu widget. Escape, a click outside and navigation close it.
 */
export function UserMenu({ user, onSignedOut }: { user: SessionUser; onSignedOut: () => void }) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const listId = useId();
  const { pathname } = useLocation();

  useEffect(() => setOpen(false), [pathname]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  // The server revokes the refresh token and clears its cookie; the local session ends even if that fails.
  const signOut = async () => {
    try {
      await graphqlRequest<{ logout: boolean }>(LOGOUT);
    } catch {
      // Offline or already signed out: nothing more to revoke from here.
    }
    onSignedOut();
  };

  return (
    <div className="q-shell-usermenu" ref={root}>
      <button
        ref={button}
        type="button"
        className="q-shell-usermenu__button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        <Avatar user={user} />
        <span className="q-shell-usermenu__name">{user.name}</span>
        <span aria-hidden="true">▾</span>
      </button>
      <ul id={listId} className="q-shell-usermenu__list" hidden={!open}>
        <li>
          <Link to="/my/bookmarks">My bookmarks</Link>
        </li>
        <li>
          <Link to="/my/comments">My comments</Link>
        </li>
        <li>
          <Link to="/my/settings">Settings</Link>
        </li>
        {user.role === "ADMIN" ? (
          <li>
            <Link to="/admin">Admin</Link>
          </li>
        ) : null}
        <li>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </li>
      </ul>
    </div>
  );
}
