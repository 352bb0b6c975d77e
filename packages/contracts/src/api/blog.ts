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

/** Cover images are plain web addresses: no javascript:, data: or file: URLs. */
const webUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const createPostRequest = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200),
    contentHtml: z.string().max(500_000),
    excerpt: z.string().trim().max(300).optional(),
    categoryId: z.string().min(1, "Choose a category").max(100),
    tags: z.array(tagName).max(20).default([]),
    status: postStatusSchema.default("PUBLIC"),
    coverUrl: webUrl.nullable().optional(),
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

/** A neighbour of a post by `publishedAt` among PUBLIC posts. */
export const postNeighbour = z.object({ slug: z.string(), title: z.string() });

/** The post page: the post, its previous/next by `publishedAt`, and up to 3 related PUBLIC posts. */
export const postPageDetail = postDetail.extend({
  previous: postNeighbour.nullable(),
  next: postNeighbour.nullable(),
  related: z.array(postSummary),
});

export const postSortSchema = z.enum(["latest", "popular"]);

/** The public list with a sort: `popular` ranks by likes*5 + views. */
export const postListSortedQuery = postListQuery.extend({ sort: postSortSchema.default("latest") });

export const limitQuery = (fallback: number, max = 50) =>
  z.object({ limit: z.coerce.number().int().min(1).max(max).default(fallback) });

/** Most popular PUBLIC posts, optionally of one category or tag (the "top post" of a category tab). */
export const popularPostsQuery = limitQuery(5).extend({
  category: z.string().max(200).optional(),
  tag: z.string().max(200).optional(),
});

export const featuredPostResponse = z.object({ post: postSummary.nullable() });

/** The parts of the home page and the sidebar blog owns, asked for together so a screen costs one call. */
export const FRONT_PAGE_PARTS = [
  "featured",
  "latest",
  "topCategories",
  "popularPosts",
  "popularTags",
] as const;
export type FrontPagePart = (typeof FRONT_PAGE_PARTS)[number];

export const frontPageQuery = z.object({
  parts: z
    .string()
    .max(200)
    .transform((value) => [...new Set(value.split(","))])
    .pipe(z.array(z.enum(FRONT_PAGE_PARTS)).min(1)),
});

export const frontPageResponse = z.object({
  featured: postSummary.nullable().optional(),
  latest: z.array(postSummary).optional(),
  topCategories: z.array(categoryWithCount).optional(),
  popularPosts: z.array(postSummary).optional(),
  popularTags: z.array(categoryWithCount).optional(),
});
export type FrontPageResponse = z.infer<typeof frontPageResponse>;

/** Every field of create, each optional; `excerpt: ""` goes back to the automatic excerpt. */
export const updatePostRequest = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(200).optional(),
    contentHtml: z.string().max(500_000).optional(),
    excerpt: z.string().trim().max(300).optional(),
    categoryId: z.string().min(1, "Choose a category").max(100).optional(),
    tags: z.array(tagName).max(20).optional(),
    status: postStatusSchema.optional(),
    coverUrl: webUrl.nullable().optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const bulkDeletePostsRequest = z
  .object({ ids: z.array(z.string().min(1).max(100)).min(1).max(100) })
  .strict();
export const bulkDeletePostsResponse = z.object({ deleted: z.array(z.string()) });

/** A draft id is chosen by the editor, so an autosave can create and then update the same draft. */
export const draftIdParams = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "Invalid draft id") });

/** Autosave of a draft: everything optional; an empty title is saved as "Untitled". */
export const saveDraftRequest = z
  .object({
    title: z.string().trim().max(200).optional(),
    contentHtml: z.string().max(500_000).optional(),
    excerpt: z.string().trim().max(300).optional(),
    categoryId: z.string().min(1).max(100).nullable().optional(),
    tags: z.array(tagName).max(20).optional(),
    coverUrl: webUrl.nullable().optional(),
  })
  .strict();

/** Publish settings of a draft: the category is required; the excerpt defaults to the first 200 characters. */
export const publishDraftRequest = z
  .object({
    status: z.enum(["PUBLIC", "PRIVATE"]),
    categoryId: z.string().min(1, "Choose a category").max(100),
    tags: z.array(tagName).max(20).default([]),
    excerpt: z.string().trim().max(300).optional(),
    coverUrl: webUrl.nullable().optional(),
    publishedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const adminPostSortSchema = z.enum(["date", "views", "likes"]);

export const adminPostListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  category: z.string().max(200).optional(),
  status: postStatusSchema.optional(),
  sort: adminPostSortSchema.default("date"),
});

/** Admin rows add the last change, which drafts are sorted by. */
export const adminPostPage = z.object({
  items: z.array(postSummary.extend({ updatedAt: z.string(), cursor: z.string() })),
  pageInfo,
});

export const updateCategoryRequest = z
  .object({
    name: z.string().trim().min(1).max(50).optional(),
    slug: z.string().trim().min(1).max(80).optional(),
  })
  .strict();

export const searchQuery = pageQuery.extend({ q: z.string().trim().min(1, "Enter a search term").max(100) });

/** A search hit: `titleHighlighted` and `snippet` are HTML-escaped with matches wrapped in <mark>. */
export const searchPage = z.object({
  items: z.array(
    postSummary.extend({ titleHighlighted: z.string(), snippet: z.string(), cursor: z.string() }),
  ),
  pageInfo,
});

export const postSnapshot = z.object({
  posts: z.array(
    z.object({
      id: z.string(),
      slug: z.string(),
      title: z.string(),
      status: postStatusSchema,
      authorId: z.string(),
      categoryId: z.string().nullable(),
      publishedAt: z.string().nullable(),
      imageUrls: z.array(z.string()),
      version: z.number().int(),
    }),
  ),
  /** Deleted posts with the version of their delete event, so a rebuilt replica drops them for good. */
  deleted: z.array(z.object({ id: z.string(), slug: z.string(), version: z.number().int() })),
});

export const referencedImagesResponse = z.object({ urls: z.array(z.string()) });

export type UpdatePostRequest = z.infer<typeof updatePostRequest>;
export type SaveDraftRequest = z.infer<typeof saveDraftRequest>;
export type PublishDraftRequest = z.infer<typeof publishDraftRequest>;
export type AdminPostListQuery = z.infer<typeof adminPostListQuery>;

export type PostPageDetailResponse = z.infer<typeof postPageDetail>;
