import type { ReactNode } from "react";

export interface StateProps {
  title: string;
  message?: ReactNode;
  /** A button or link offering the way out (retry, go home). */
  action?: ReactNode;
  /** Heading level of the title, to fit the page's outline. */
  headingLevel?: 1 | 2 | 3;
}

export function ErrorState({ title, message, action, headingLevel = 2 }: StateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="q-state q-state--error" role="alert">
      <Heading className="q-state__title">{title}</Heading>
      {message ? <p className="q-state__message">{message}</p> : null}
      {action}
    </div>
  );
}

export function EmptyState({ title, message, action, headingLevel = 2 }: StateProps) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="q-state q-state--empty">
      <Heading className="q-state__title">{title}</Heading>
      {message ? <p className="q-state__message">{message}</p> : null}
      {action}
    </div>
  );
}
