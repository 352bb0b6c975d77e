import sanitizeHtml from "sanitize-html";

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

/**
 * Rich HTML written by the admin (posts, notices) is sanitised on the way in, with one allow-list: no
 * scripts, no handlers, only http(s)/mailto links, only YouTube embeds, only harmless inline styles.
 */
export function sanitizeRichHtml(html: string): string {
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

/** The text of HTML, as a reader sees it (entities decoded, whitespace collapsed). */
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
