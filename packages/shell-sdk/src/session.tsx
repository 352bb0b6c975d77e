import { createContext, type ReactNode, useContext } from "react";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: string;
}

export interface SignInPayload {
  accessToken: string;
  user: SessionUser;
}

export interface Session {
  accessToken: string | null;
  user: SessionUser | null;
  signIn(payload: SignInPayload): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

/** Provided once by the shell; remotes only read it. */
export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  // A missing provider means this copy of the SDK is not the shell's (a shared-version mismatch).
  if (!session) throw new Error("useSession() needs the Quire shell's SessionProvider");
  return session;
}
