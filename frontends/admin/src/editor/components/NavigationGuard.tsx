import { UNSAFE_DataRouterContext, useBlocker, useNavigate } from "@quire/shell-sdk";
import { ConfirmDialog } from "@quire/ui";
import { useCallback, useContext, useEffect, useState } from "react";

/** Navigations the editor makes itself (after a save) carry this state and are never blocked. */
export const EDITOR_NAVIGATION = { quireEditorNavigation: true } as const;

function isEditorNavigation(state: unknown): boolean {
  return typeof state === "object" && state !== null && "quireEditorNavigation" in state;
}

interface GuardProps {
  /** True while there are changes that would be lost. */
  when: boolean;
}

function LeaveDialog({ open, onStay, onLeave }: { open: boolean; onStay: () => void; onLeave: () => void }) {
  return (
    <ConfirmDialog
      open={open}
      title="Leave without saving?"
      tone="danger"
      confirmLabel="Leave"
      onConfirm={onLeave}
      onCancel={onStay}
    >
      <p>Your latest changes are not saved yet. They will be lost if you leave this page.</p>
    </ConfirmDialog>
  );
}

/** Under a data router: react-router's blocker sees every navigation, links and history alike. */
function BlockerGuard({ when }: GuardProps) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when &&
      !isEditorNavigation(nextLocation.state) &&
      currentLocation.pathname + currentLocation.search !== nextLocation.pathname + nextLocation.search,
  );
  return (
    <LeaveDialog
      open={blocker.state === "blocked"}
      onStay={() => blocker.reset?.()}
      onLeave={() => blocker.proceed?.()}
    />
  );
}

/**
 * Under a plain <BrowserRouter> (the shell's today) useBlocker is not available, so clicks on in-site links
 * are caught before the router sees them, and the navigation resumes if the user chooses to leave.
 */
function LinkGuard({ when }: GuardProps) {
  const navigate = useNavigate();
  const [pending, setPending] = useState<string | null>(null);

  useEffect(() => {
    if (!when) return;
    const onClick = (event: MouseEvent) => {
      if (event.defaultPrevented || event.button !== 0) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!anchor || (anchor.target && anchor.target !== "_self") || anchor.hasAttribute("download")) return;
      const url = new URL(anchor.href, window.location.href);
      // Leaving the site is beforeunload's business.
      if (url.origin !== window.location.origin) return;
      if (url.pathname + url.search === window.location.pathname + window.location.search) return;
      event.preventDefault();
      event.stopPropagation();
      setPending(url.pathname + url.search + url.hash);
    };
    // Capture phase on the document: before the router's own link handler.
    document.addEventListener("click", onClick, true);
    return () => document.removeEventListener("click", onClick, true);
  }, [when]);

  const leave = useCallback(() => {
    const to = pending;
    setPending(null);
    if (to) navigate(to, { state: EDITOR_NAVIGATION });
  }, [navigate, pending]);

  return <LeaveDialog open={pending !== null} onStay={() => setPending(null)} onLeave={leave} />;
}

/** Warns before unsaved changes are lost: in-app navigation asks, closing or reloading the tab too. */
export function NavigationGuard({ when }: GuardProps) {
  const dataRouter = useContext(UNSAFE_DataRouterContext);

  useEffect(() => {
    if (!when) return;
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers need a returnValue to show their prompt.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, [when]);

  // Which router the shell uses never changes while the page lives, so the branch is stable.
  return dataRouter ? <BlockerGuard when={when} /> : <LinkGuard when={when} />;
}
