/** The calendar day (YYYY-MM-DD) of an instant in the site's time zone. */
export function siteDay(instant: Date, timeZone: string): string {
  // en-CA formats dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}

/** The calendar day `offset` days from `day` (negative goes back). */
export function addDays(day: string, offset: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + offset)).toISOString().slice(0, 10);
}

/** The `count` days ending with `lastDay`, oldest first. */
export function daysEndingAt(lastDay: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(lastDay, i - count + 1));
}

/** Throws on a time zone Intl does not know, so a typo in SITE_TIMEZONE fails at start, not per request. */
export function assertTimeZone(timeZone: string): string {
  new Intl.DateTimeFormat("en-CA", { timeZone });
  return timeZone;
}
