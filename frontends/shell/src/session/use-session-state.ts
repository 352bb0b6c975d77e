import { configureGraphQL, type Session, type SessionUser, type SignInPayload } from "@quire/shell-sdk";
import type { QueryClient } from "@tanstack/react-query";
import { useCallback, useMemo, useRef, useState } from "react";

// Per tab and gone with it: a short-lived access token should not outlive the browser session.
const STORAGE_KEY = "quire.session";

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
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage can be unavailable (private mode, quota): the session then lasts for this page only.
  }
}

/** The shell's session: shared with remotes through the SDK's SessionProvider and GraphQL client. */
export function useSessionState(queryClient: QueryClient): Session {
  const [stored, setStored] = useState<StoredSession | null>(readStored);
  const tokenRef = useRef<string | null>(stored?.accessToken ?? null);

  const signOut = useCallback(() => {
    tokenRef.current = null;
    writeStored(null);
    setStored(null);
    // Cached answers may hold the previous user's data.
    queryClient.clear();
  }, [queryClient]);

  const signIn = useCallback(
    ({ accessToken, user }: SignInPayload) => {
      tokenRef.current = accessToken;
      writeStored({ accessToken, user });
      setStored({ accessToken, user });
      void queryClient.invalidateQueries();
    },
    [queryClient],
  );

  // Configured during render (not in an effect) so the very first queries already carry the token.
  const configured = useRef(false);
  if (!configured.current) {
    configured.current = true;
    configureGraphQL({ getAccessToken: () => tokenRef.current, onUnauthenticated: signOut });
  }

  return useMemo(
    () => ({ accessToken: stored?.accessToken ?? null, user: stored?.user ?? null, signIn, signOut }),
    [stored, signIn, signOut],
  );
}
