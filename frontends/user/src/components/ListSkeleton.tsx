import { Skeleton } from "@quire/ui";

export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <>
      <p className="q-visually-hidden" role="status">
        {label}
      </p>
      <ul className="q-user-list" aria-hidden="true">
        {Array.from({ length: rows }, (_, n) => (
          <li key={n} className="q-user-list__item">
            <Skeleton width="55%" height="1.25rem" />
            <Skeleton width="30%" height="0.875rem" />
          </li>
        ))}
      </ul>
    </>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function FormattedDate({ value }: { value: string }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}
