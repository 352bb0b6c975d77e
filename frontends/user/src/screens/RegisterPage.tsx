import {
  errorMessage,
  fieldErrors,
  Link,
  Navigate,
  useDocumentTitle,
  useNavigate,
  useSearchParams,
  useSession,
  useToast,
} from "@quire/shell-sdk";
import { Button, Field } from "@quire/ui";
import { type FormEvent, useState } from "react";
import { useRegister } from "../api/auth";
import { safeReturnTo } from "../components/RequireSignIn";

export function RegisterPage() {
  useDocumentTitle("Create an account");
  const session = useSession();
  const toast = useToast();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get("returnTo"));
  const register = useRegister();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [name, setName] = useState("");
  const [done, setDone] = useState(false);

  if (session.user && !done) return <Navigate to={returnTo} replace />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    register.mutate(
      { email: email.trim(), password, name: name.trim() || null },
      {
        onSuccess: (payload) => {
          setDone(true);
          session.signIn({ accessToken: payload.accessToken, user: payload.user });
          toast.show(`Welcome to Quire, ${payload.user.name}`, { tone: "success" });
          navigate(returnTo, { replace: true });
        },
      },
    );
  };

  const fields = fieldErrors(register.error);
  const hasFieldErrors = Object.keys(fields).length > 0;
  const loginHref = returnTo === "/" ? "/login" : `/login?returnTo=${encodeURIComponent(returnTo)}`;

  return (
    <section className="q-user q-user-auth" aria-labelledby="q-user-register-heading">
      <h1 id="q-user-register-heading" className="q-user-title">
        Create an account
      </h1>
      {register.error ? (
        <p className="q-user-error" role="alert">
          {hasFieldErrors ? "Check the highlighted fields." : errorMessage(register.error)}
        </p>
      ) : null}
      <form className="q-user-form" onSubmit={onSubmit}>
        <Field label="Email" error={fields.email}>
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
        <Field
          label="Password"
          hint="At least 8 characters, with an upper-case letter and a digit."
          error={fields.password}
        >
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="password"
              name="new-password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field label="Name" hint="Shown with your comments. Up to 50 characters." error={fields.name}>
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="text"
              name="name"
              autoComplete="nickname"
              maxLength={50}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" disabled={register.isPending}>
          {register.isPending ? "Creating account…" : "Create account"}
        </Button>
      </form>
      <p className="q-user-muted">
        Already have an account? <Link to={loginHref}>Sign in</Link>
      </p>
    </section>
  );
}
