/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** Escapes LIKE wildcards, so a search for "50%" looks for a percent sign (used with ESCAPE '\'). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The search words: lower-cased, split on spaces, at most 5. */
export function searchTerms(q: string): string[] {
  return [...new Set(q.toLowerCase().split(/\s+/).filter(Boolean))].slice(0, 5);
}

function matcher(terms: string[]): RegExp {
  // Longer terms first, so a term that contains another is marked whole.
  const sorted = [...terms].sort((a, b) => b.length - a.length);
  return new RegExp(sorted.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
}

/** HTML-escapes `text` and wraps every match of a term in <mark>. */
export function highlight(text: string, terms: string[]): string {
  if (terms.length === 0) return escapeHtml(text);
  let out = "";
  let last = 0;
  for (const m of text.matchAll(matcher(terms))) {
    out += `${escapeHtml(text.slice(last, m.index))}<mark>${escapeHtml(m[0])}</mark>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** A window of the text around the first match (or its start), highlighted; ellipses mark cuts. */
export function snippet(text: string, terms: string[], length = 160): string {
  const first = terms.length ? text.search(matcher(terms)) : -1;
  const chars = [...text];
  // Work in code points so a cut never splits a surrogate pair.
  const at = first < 0 ? 0 : [...text.slice(0, first)].length;
  const start = Math.max(0, at - Math.floor(length / 4));
  const end = Math.min(chars.length, start + length);
  const window = chars.slice(start, end).join("");
  return `${start > 0 ? "…" : ""}${highlight(window, terms)}${end < chars.length ? "…" : ""}`;
}
