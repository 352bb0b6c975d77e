import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import type { ReactNode } from "react";

/** Placeholder rows in the shape of a list while it loads; announced once as a status. */
export function ListSkeleton({ label, rows = 4 }: { label: string; rows?: number }) {
  return (
    <>
      <p className="q-visually-hidden" role="status">
        {label}
      </p>
      <ul className="q-admin-list" aria-hidden="true">
        {Array.from({ length: rows }, (_, n) => (
          <li key={n} className="q-admin-list__item">
            <Skeleton width="55%" height="1.25rem" />
            <Skeleton width="35%" height="0.875rem" />
          </li>
        ))}
      </ul>
    </>
  );
}

/** Skeleton cards for a grid of figures. */
export function StatSkeleton({ label, count = 4 }: { label: string; count?: number }) {
  return (
    <>
      <p className="q-visually-hidden" role="status">
        {label}
      </p>
      <div className="q-admin-stats" aria-hidden="true">
        {Array.from({ length: count }, (_, n) => (
          <div key={n} className="q-admin-stat">
            <Skeleton width="60%" height="0.875rem" />
            <Skeleton width="40%" height="1.75rem" />
          </div>
        ))}
      </div>
    </>
  );
}

/** A failed load with the server's message and a Retry button. */
export function LoadError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: Error | null;
  onRetry: () => void;
}) {
  return (
    <ErrorState
      title={title}
      message={error?.message}
      action={
        <Button variant="secondary" onClick={onRetry}>
          Retry
        </Button>
      }
    />
  );
}

export function Empty({
  title,
  message,
  action,
}: {
  title: string;
  message?: ReactNode;
  action?: ReactNode;
}) {
  return <EmptyState title={title} message={message} action={action} />;
}

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  error: Error | null;
  onLoadMore: () => void;
  what: string;
}

/** "Load more" under a paginated list, with the error of a failed next page. */
export function LoadMore({ hasNextPage, isFetchingNextPage, error, onLoadMore, what }: LoadMoreProps) {
  return (
    <>
      {error ? (
        <p className="q-admin-error" role="alert">
          More {what} could not be loaded: {error.message}
        </p>
      ) : null}
      {hasNextPage ? (
        <div className="q-admin-more">
          <Button variant="secondary" onClick={onLoadMore} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function FormattedDate({
  value,
  withTime = false,
}: {
  value: string | null | undefined;
  withTime?: boolean;
}) {
  if (!value) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return <time dateTime={date.toISOString()}>{(withTime ? dateTimeFormat : dateFormat).format(date)}</time>;
}

const numberFormat = new Intl.NumberFormat();

export function formatNumber(value: number | null | undefined): string {
  return value == null ? "–" : numberFormat.format(value);
}

const UNITS = ["B", "KB", "MB", "GB", "TB"];

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 || value >= 10 ? 0 : 1)} ${UNITS[unit]}`;
}

/** The screen's title row: its h1 and, beside it, the screen's main actions. */
export function ScreenHeader({ title, id, children }: { title: string; id: string; children?: ReactNode }) {
  return (
    <header className="q-admin-header">
      <h1 id={id} className="q-admin-title">
        {title}
      </h1>
      {children ? <div className="q-admin-header__actions">{children}</div> : null}
    </header>
  );
}

/** A coloured label for a status value. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return (
    <span className={`q-admin-badge q-admin-badge--${status.toLowerCase().replace(/_/g, "-")}`}>
      {label ?? status}
    </span>
  );
}
