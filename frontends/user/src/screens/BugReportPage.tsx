import { errorMessage, fieldErrors, Link, useDocumentTitle, useSession } from "@quire/shell-sdk";
import { Button, Field } from "@quire/ui";
import { type FormEvent, useState } from "react";
import { BUG_CATEGORIES, BUG_PRIORITIES, useCreateBugReport } from "../api/bug-reports";

export function BugReportPage() {
  useDocumentTitle("Report a bug");
  const { user } = useSession();
  const create = useCreateBugReport();
  const [title, setTitle] = useState("");
  const [category, setCategory] = useState("");
  const [priority, setPriority] = useState("MEDIUM");
  const [description, setDescription] = useState("");
  const [email, setEmail] = useState(user?.email ?? "");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmedEmail = email.trim();
    create.mutate({
      title: title.trim(),
      category,
      priority,
      description: description.trim(),
      ...(trimmedEmail ? { email: trimmedEmail } : {}),
    });
  };

  const reset = () => {
    create.reset();
    setTitle("");
    setCategory("");
    setPriority("MEDIUM");
    setDescription("");
  };

  if (create.isSuccess) {
    return (
      <section className="q-user q-user-page" aria-labelledby="q-user-bug-heading">
        <h1 id="q-user-bug-heading" className="q-user-title">
          Thank you
        </h1>
        <div className="q-user-success" role="status">
          <p>Your report “{create.data.title}” was received. We will look into it.</p>
        </div>
        <p className="q-user-actions">
          <Button variant="secondary" onClick={reset}>
            Report another bug
          </Button>
          <Link to="/bug-reports">See all reports</Link>
        </p>
      </section>
    );
  }

  const fields = fieldErrors(create.error);
  const generalError = create.error && Object.keys(fields).length === 0 ? errorMessage(create.error) : null;

  return (
    <section className="q-user q-user-page" aria-labelledby="q-user-bug-heading">
      <h1 id="q-user-bug-heading" className="q-user-title">
        Report a bug
      </h1>
      <p className="q-user-muted">
        Tell us what went wrong. Only the title, category, priority and status are public.{" "}
        <Link to="/bug-reports">See reported bugs</Link>.
      </p>
      {generalError ? (
        <p className="q-user-error" role="alert">
          {generalError}
        </p>
      ) : Object.keys(fields).length > 0 ? (
        <p className="q-user-error" role="alert">
          Check the highlighted fields.
        </p>
      ) : null}
      <form className="q-user-form" onSubmit={onSubmit}>
        <Field label="Title" error={fields.title}>
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="text"
              name="title"
              required
              maxLength={100}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <div className="q-user-form__row">
          <Field label="Category" error={fields.category}>
            {(control) => (
              <select
                {...control}
                className="q-input"
                name="category"
                required
                value={category}
                onChange={(e) => setCategory(e.target.value)}
              >
                <option value="" disabled>
                  Choose a category
                </option>
                {BUG_CATEGORIES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Priority" error={fields.priority}>
            {(control) => (
              <select
                {...control}
                className="q-input"
                name="priority"
                value={priority}
                onChange={(e) => setPriority(e.target.value)}
              >
                {BUG_PRIORITIES.map((p) => (
                  <option key={p.value} value={p.value}>
                    {p.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="Description"
          hint="What did you do, what did you expect, and what happened instead?"
          error={fields.description}
        >
          {(control) => (
            <textarea
              {...control}
              className="q-input"
              name="description"
              rows={6}
              required
              maxLength={5000}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Email (optional)"
          hint="Only if you want us to reply. Never shown publicly."
          error={fields.email}
        >
          {(control) => (
            <input
              {...control}
              className="q-input"
              type="email"
              name="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Sending…" : "Send report"}
        </Button>
      </form>
    </section>
  );
}
