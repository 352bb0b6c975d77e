import { z } from "zod";

export const postStatusSchema = z.enum(["DRAFT", "PUBLIC", "PRIVATE"]);

export const pageQuery = z.object({
  first: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(200).optional(),
});

export const postListQuery = pageQuery.extend({
  category: z.string().max(200).optional(),
  tag: z.string().max(200).optional(),
});

export const categoryRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });
export const tagRef = categoryRef;
export const authorRef = z.object({ id: z.string(), name: z.string(), avatarUrl: z.string().nullable() });

export const postSummary = z.object({
  id: z.string(),
  slug: z.string(),
  title: z.string(),
  excerpt: z.string(),
  coverUrl: z.string().nullable(),
  status: postStatusSchema,
  publishedAt: z.string().nullable(),
  readingMinutes: z.number().int(),
  viewCount: z.number().int(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  category: categoryRef.nullable(),
  tags: z.array(tagRef),
  /** From the blog's author replica; null only if the author's events have not arrived yet. */
  author: authorRef.nullable(),
});

export const postDetail = postSummary.extend({ contentHtml: z.string() });

export const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });

export const postPage = z.object({ items: z.array(postSummary.extend({ cursor: z.string() })), pageInfo });

const tagName = z.string().trim().min(1).max(40);

export const createPostRequest = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200),
    contentHtml: z.string().max(500_000),
    excerpt: z.string().trim().max(300).optional(),
    categoryId: z.string().min(1, "Choose a category").max(100),
    tags: z.array(tagName).max(20).default([]),
    status: postStatusSchema.default("PUBLIC"),
    coverUrl: z.url().max(2000).nullable().optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const createCategoryRequest = z
  .object({ name: z.string().trim().min(1).max(50), slug: z.string().trim().max(80).optional() })
  .strict();

export const categoryWithCount = categoryRef.extend({ postCount: z.number().int() });

export type PostSummary = z.infer<typeof postSummary>;
export type PostDetail = z.infer<typeof postDetail>;
export type CreatePostRequest = z.infer<typeof createPostRequest>;
