import { slugify } from "@quire/service-kit";

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
