import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import type { ReactNode } from "react";

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
