import sanitizeHtml from "sanitize-html";

/** A readable slug; Hangul and other letters are kept, so a Korean title gets a Korean slug. */
export function slugify(text: string, maxLength = 80): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
}

/** Slugs that name fixed routes beside `/:slug` routes (`/v1/posts/featured`, `/v1/tags/popular`...). */
const RESERVED_SLUGS = {
  post: ["featured", "popular", "bulk-delete"],
  category: ["top"],
  tag: ["popular"],
} as const;

export function isReservedSlug(kind: keyof typeof RESERVED_SLUGS, slug: string): boolean {
  return (RESERVED_SLUGS[kind] as readonly string[]).includes(slug);
}

/** A category or tag slug for `wanted`, never a reserved one and never empty. */
export function taxonomySlug(kind: "category" | "tag", wanted: string, fallback: () => string): string {
  const slug = slugify(wanted) || `${kind}-${fallback()}`;
  return isReservedSlug(kind, slug) ? `${slug}-${kind}` : slug;
}

const ALLOWED_TAGS = [
  ...sanitizeHtml.defaults.allowedTags,
  "h1",
  "h2",
  "img",
  "figure",
  "figcaption",
  "iframe",
  "mark",
  "s",
  "u",
  "sub",
  "sup",
];

/** Post HTML is sanitised on the way in: no scripts, no handlers, only safe URLs and known embeds. */
export function sanitizePostHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: {
      "*": ["class", "id", "data-type", "data-variant", "data-language", "style"],
      a: ["href", "title", "target", "rel"],
      img: ["src", "alt", "title", "width", "height", "loading"],
      iframe: ["src", "width", "height", "allowfullscreen", "frameborder", "allow"],
      td: ["colspan", "rowspan"],
      th: ["colspan", "rowspan"],
    },
    allowedStyles: { "*": { "text-align": [/^(left|right|center|justify)$/], color: [/^#[0-9a-f]{3,8}$/i] } },
    allowedSchemes: ["http", "https", "mailto"],
    allowedIframeHostnames: ["www.youtube.com", "www.youtube-nocookie.com"],
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }) },
  });
}

/** The text of post HTML, as a reader sees it (entities decoded). */
export function htmlToText(html: string): string {
  return decodeEscapes(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, " ")
    .trim();
}

/** sanitize-html re-escapes &, <, > and quotes in the text it keeps; undo exactly those. */
function decodeEscapes(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#39;", "'")
    .replaceAll("&amp;", "&");
}

/** Minutes to read: 200 words a minute for space-separated text, 500 characters a minute for Hangul. */
export function readingMinutes(text: string): number {
  const hangul = (text.match(/[\p{Script=Hangul}]/gu) ?? []).length;
  const words = text
    .replace(/[\p{Script=Hangul}]/gu, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  return Math.max(1, Math.ceil(words / 200 + hangul / 500));
}

export function makeExcerpt(text: string, length = 200): string {
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join("").trimEnd()}…`;
}
