import { z } from "zod";

export const postState = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  status: z.enum(["DRAFT", "PUBLIC", "PRIVATE"]),
  authorId: z.string(),
  categoryId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** Every image the post uses (cover and content), so storage knows which images are in use. */
  imageUrls: z.array(z.string()),
});

/** A category or a tag as consumers see it. */
export const taxonomyState = z.object({ id: z.string(), slug: z.string(), name: z.string() });

/** Produced by blog. Post events carry the state every replica of posts keeps. */
export const blogEvents = {
  "post.created": { version: 1, payload: postState },
  "post.updated": { version: 1, payload: postState },
  "post.published": { version: 1, payload: postState },
  "post.deleted": { version: 1, payload: z.object({ id: z.string(), slug: z.string() }) },
  "category.created": { version: 1, payload: taxonomyState },
  "category.updated": { version: 1, payload: taxonomyState },
  "category.deleted": { version: 1, payload: taxonomyState },
  "tag.created": { version: 1, payload: taxonomyState },
  "tag.updated": { version: 1, payload: taxonomyState },
  "tag.deleted": { version: 1, payload: taxonomyState },
} as const;
