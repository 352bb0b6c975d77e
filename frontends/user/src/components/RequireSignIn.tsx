import { Navigate, useLocation, useSession } from "@quire/shell-sdk";
import type { ReactNode } from "react";

/** The reader's own pages: anonymous visitors go to sign-in and come back here afterwards. */
export function RequireSignIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const location = useLocation();
  if (!user) {
    const returnTo = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?returnTo=${encodeURIComponent(returnTo)}`} replace />;
  }
  return children;
}

/** A same-site path to go to after sign-in; anything else (another origin, odd schemes) becomes "/". */
export function safeReturnTo(value: string | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || /[\\\s]/.test(value)) return "/";
  return value;
}
