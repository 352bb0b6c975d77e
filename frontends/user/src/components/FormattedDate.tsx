const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

export function FormattedDate({ value }: { value: string }) {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)}</time>;
}
