import { configureGraphQL, type Session, type SessionUser, type SignInPayload } from "@quire/shell-sdk";
import type { QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";

// Per tab and gone with it: a short-lived access token should not outlive the browser session.
const STORAGE_KEY = "quire.session";
// Only a hint that a refresh cookie may exist (the cookie itself is httpOnly): a new tab then restores the
// session silently, and anonymous visitors never pay for a refresh request that cannot succeed.
const SIGNED_IN_HINT_KEY = "quire.signedIn";
/** Refresh this long before the access token expires. */
const REFRESH_AHEAD_MS = 60_000;
/** After a refresh failed for a reason other than the session (offline), try again after this. */
const RETRY_AFTER_MS = 30_000;

const REFRESH_SESSION = /* GraphQL */ `
  mutation ShellRefreshSession {
    refreshSession { accessToken expiresIn user { id email name avatarUrl role } }
  }
`;

interface StoredSession {
  accessToken: string;
  user: SessionUser;
}

function readStored(): StoredSession | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    return typeof parsed.accessToken === "string" && parsed.user ? (parsed as StoredSession) : null;
  } catch {
    return null;
  }
}

function writeStored(session: StoredSession | null): void {
  try {
    if (session) {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
      localStorage.setItem(SIGNED_IN_HINT_KEY, "1");
    } else {
      sessionStorage.removeItem(STORAGE_KEY);
      localStorage.removeItem(SIGNED_IN_HINT_KEY);
    }
  } catch {
    // Storage can be unavailable (private mode, quota): the session then lasts for this page only.
  }
}

function hasSignedInHint(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT_KEY) === "1";
  } catch {
    return false;
  }
}

/** No session in this tab and no sign of one to restore: queries can start before the session is set up. */
export function isAnonymousVisitor(): boolean {
  return !readStored() && !hasSignedInHint();
}

/** When the JWT access token expires (ms since the epoch), read from its `exp` claim; null if unreadable. */
export function tokenExpiresAt(token: string): number | null {
  try {
    const payload = token.split(".")[1];
    if (!payload) return null;
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

type RefreshOutcome = { ok: true; session: StoredSession } | { ok: false; signedOut: boolean };

/**
 * Trades the refresh cookie for a new access token. The refresh token rotates, so two tabs must never
 * refresh at once with the same cookie: a Web Lock serialises them (the second one sends the new cookie).
 */
async function requestRefresh(): Promise<RefreshOutcome> {
  const run = async (): Promise<RefreshOutcome> => {
    let response: Response;
    try {
      response = await fetch("/graphql", {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
        body: JSON.stringify({ query: REFRESH_SESSION }),
        credentials: "same-origin",
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      return { ok: false, signedOut: false };
    }
    const body = (await response.json().catch(() => null)) as {
      data?: { refreshSession?: { accessToken: string; user: SessionUser } } | null;
      errors?: Array<{ extensions?: { code?: string } }>;
    } | null;
    const refreshed = body?.data?.refreshSession;
    if (refreshed) return { ok: true, session: { accessToken: refreshed.accessToken, user: refreshed.user } };
    const code = body?.errors?.[0]?.extensions?.code;
    // Only a refused session ends it; a server that is down or slow is tried again later.
    return { ok: false, signedOut: code === "UNAUTHENTICATED" || code === "FORBIDDEN" };
  };
  if (typeof navigator !== "undefined" && navigator.locks?.request) {
    return navigator.locks.request("quire.session-refresh", run);
  }
  return run();
}

export interface ShellSession extends Session {
  /** A session is being restored from the refresh cookie (a new tab): screens that need it wait. */
  restoring: boolean;
}

/**
 * The shell's session: shared with remotes through the SDK's SessionProvider and GraphQL client. The access
 * token is short-lived; it is refreshed silently before it expires, when the BFF rejects it, and at start
 * in a tab that has none (another tab signed in).
 */
export function useSessionState(queryClient: QueryClient): ShellSession {
  const [stored, setStored] = useState<StoredSession | null>(readStored);
  const [restoring, setRestoring] = useState(() => !stored && hasSignedInHint());
  const tokenRef = useRef<string | null>(stored?.accessToken ?? null);
  const inFlight = useRef<Promise<boolean> | null>(null);

  const apply = useCallback((session: StoredSession | null) => {
    tokenRef.current = session?.accessToken ?? null;
    writeStored(session);
    setStored(session);
  }, []);

  const signOut = useCallback(() => {
    apply(null);
    // Cached answers may hold the previous user's data.
    queryClient.clear();
  }, [apply, queryClient]);

  const signIn = useCallback(
    ({ accessToken, user }: SignInPayload) => {
      apply({ accessToken, user });
      void queryClient.invalidateQueries();
    },
    [apply, queryClient],
  );

  /** One refresh at a time in this tab; true when the session goes on. */
  const refresh = useCallback((): Promise<boolean> => {
    if (!inFlight.current) {
      inFlight.current = requestRefresh()
        .then((outcome) => {
          if (outcome.ok) {
            apply(outcome.session);
            return true;
          }
          if (outcome.signedOut && tokenRef.current) signOut();
          else if (outcome.signedOut) apply(null);
          return false;
        })
        .finally(() => {
          inFlight.current = null;
        });
    }
    return inFlight.current;
  }, [apply, signOut]);

  // Configured during render (not in an effect) so the very first queries already carry the token.
  const configured = useRef(false);
  if (!configured.current) {
    configured.current = true;
    configureGraphQL({
      getAccessToken: () => tokenRef.current,
      // A rejected token is usually just expired: refresh, then let the failed queries run again.
      onUnauthenticated: () => {
        void refresh().then((ok) => {
          if (ok) void queryClient.invalidateQueries();
        });
      },
    });
  }

  // A new tab of a signed-in browser: restore the session before remotes ask for it.
  useEffect(() => {
    if (!restoring) return;
    void refresh().finally(() => setRestoring(false));
  }, [restoring, refresh]);

  // Refresh ahead of expiry; a failure that is not the session's end is retried later.
  const accessToken = stored?.accessToken ?? null;
  useEffect(() => {
    if (!accessToken) return;
    const expiresAt = tokenExpiresAt(accessToken);
    if (expiresAt === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const schedule = (delay: number) => {
      timer = setTimeout(() => {
        void refresh().then((ok) => {
          if (!ok && tokenRef.current === accessToken) schedule(RETRY_AFTER_MS);
        });
      }, delay);
    };
    schedule(Math.max(expiresAt - Date.now() - REFRESH_AHEAD_MS, 1_000));
    return () => clearTimeout(timer);
  }, [accessToken, refresh]);

  return useMemo(
    () => ({ accessToken, user: stored?.user ?? null, signIn, signOut, restoring }),
    [accessToken, stored, signIn, signOut, restoring],
  );
}
