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
