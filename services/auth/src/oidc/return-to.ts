const MAX_RETURN_TO_LENGTH = 512;
const ORIGIN = "http://site.invalid";

/**
 * Where to send the browser after sign-in: a path on this site only. Anything that could leave it
 * (`//host`, `/\host`, `https://…`, `javascript:`) or that is not a plain path falls back to `/`.
 */
export function sanitiseReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length > MAX_RETURN_TO_LENGTH) return "/";
  // Browsers read a backslash as a slash and drop tabs and newlines, so either could smuggle a host in.
  if (!value.startsWith("/") || value.startsWith("//") || /[\\\s\p{Cc}]/u.test(value)) return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  // The fragment is dropped: the sign-in code travels in it.
  return `${url.pathname}${url.search}`;
}
