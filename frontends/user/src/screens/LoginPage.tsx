import {
  errorMessage,
  Link,
  Navigate,
  useDocumentTitle,
  useLocation,
  useNavigate,
  useSearchParams,
  useSession,
  useToast,
} from "@quire/shell-sdk";
import { Button, Field } from "@quire/ui";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { type AuthPayload, useCompleteOidcSignIn, useLogin, useOidcConfig } from "../api/auth";
import { safeReturnTo } from "../components/RequireSignIn";

const OIDC_ERRORS: Record<string, string> = {
  denied: "The sign-in was cancelled.",
  expired: "The sign-in took too long. Try again.",
};

/** Reads `#oidc=<code>` or `#oidcError=<reason>`, which the OpenID Connect callback puts in the fragment. */
function readOidcHash(hash: string): { code: string | null; error: string | null } {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return { code: params.get("oidc"), error: params.get("oidcError") };
}

export function LoginPage() {
  useDocumentTitle("Sign in");
  const session = useSession();
  const toast = useToast();
  const navigate = useNavigate();
  const location = useLocation();
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get("returnTo"));

  const login = useLogin();
  const oidcConfig = useOidcConfig();
  const completeOidc = useCompleteOidcSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [oidcError, setOidcError] = useState<string | null>(null);
  // Signing in changes the session, which would otherwise bounce this page to returnTo before navigate runs.
  const [signingIn, setSigningIn] = useState(false);

  const finish = (payload: AuthPayload) => {
    setSigningIn(true);
    session.signIn({ accessToken: payload.accessToken, user: payload.user });
    toast.show(`Welcome back, ${payload.user.name}`, { tone: "success" });
    navigate(returnTo, { replace: true });
  };

  // The one-time code must be traded once, even when StrictMode runs effects twice.
  const handledHash = useRef<string | null>(null);
  useEffect(() => {
    if (!location.hash || handledHash.current === location.hash) return;
    handledHash.current = location.hash;
    const { code, error } = readOidcHash(location.hash);
    if (!code && !error) return;
    // Take the code out of the address bar (and the history) before anything else.
    navigate({ pathname: location.pathname, search: location.search, hash: "" }, { replace: true });
    if (error) {
      setOidcError(OIDC_ERRORS[error] ?? `The sign-in did not complete (${error}).`);
      return;
    }
    if (code) {
      completeOidc.mutate(code, {
        onSuccess: finish,
        onError: (e) => setOidcError(errorMessage(e)),
      });
    }
  }, [location.hash]);

  if (session.user && !signingIn && !completeOidc.isPending) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim(), password }, { onSuccess: finish });
  };

  const registerHref = returnTo === "/" ? "/register" : `/register?returnTo=${encodeURIComponent(returnTo)}`;
  const oidcHref = `/auth/oidc/start?returnTo=${encodeURIComponent(
    `/login?returnTo=${encodeURIComponent(returnTo)}`,
  )}`;
  const error = errorMessage(login.error) ?? oidcError;

  return (
    <section className="q-user q-user-auth" aria-labelledby="q-user-login-heading">
      <h1 id="q-user-login-heading" className="q-user-title">
        Sign in
      </h1>
      {completeOidc.isPending ? (
        <p role="status" className="q-user-muted">
          Finishing sign-in…
        </p>
      ) : null}
      {error ? (
        <p className="q-user-error" role="alert">
          {error}
        </p>
      ) : null}
      <form className="q-user-form" onSubmit={onSubmit}>
        <Field label="Email">
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="email"
              name="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label="Password">
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" disabled={login.isPending}>
          {login.isPending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {oidcConfig.data?.enabled ? (
        <p className="q-user-alt">
          <a className="q-button q-button--secondary" href={oidcHref}>
            Sign in with {oidcConfig.data.name}
          </a>
        </p>
      ) : null}
      <p className="q-user-muted">
        New to Quire? <Link to={registerHref}>Create an account</Link>
      </p>
    </section>
  );
}
