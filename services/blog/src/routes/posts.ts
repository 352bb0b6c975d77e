import { randomUUID } from "node:crypto";
import {
  type CreatePostRequest,
  createPostRequest,
  type PostState,
  postDetail,
  postListQuery,
  postPage,
} from "@quire/contracts";
import {
  type App,
  appendEvent,
  badRequest,
  notFound,
  requireAdmin,
  type ServiceContext,
  type Tx,
} from "@quire/service-kit";
import { eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { findPostById, findPostBySlug, listPublicPosts } from "../posts/queries";
import { htmlToText, makeExcerpt, readingMinutes, sanitizePostHtml, slugify } from "../posts/text";
import { categories, type PostRow, posts, postTags, tags } from "../schema";

export function toPostState(p: PostRow): PostState {
  return {
    id: p.id,
    slug: p.slug,
    title: p.title,
    status: p.status,
    authorId: p.authorId,
    categoryId: p.categoryId,
    publishedAt: p.publishedAt ? new Date(p.publishedAt).toISOString() : null,
    imageUrls: imageUrlsOf(p),
  };
}

/** The cover and every <img src> of the content. */
export function imageUrlsOf(p: Pick<PostRow, "coverUrl" | "contentHtml">): string[] {
  const urls = new Set<string>();
  if (p.coverUrl) urls.add(p.coverUrl);
  for (const m of p.contentHtml.matchAll(/<img\b[^>]*\bsrc="([^"]+)"/g))
    urls.add(m[1]!.replaceAll("&amp;", "&"));
  return [...urls];
}

/** Inserts with the first free slug of `base`, `base-2`, `base-3`...; the unique index settles races. */
async function insertWithUniqueSlug(tx: Tx, base: string, values: Omit<typeof posts.$inferInsert, "slug">) {
  const root = base || `post-${randomUUID().slice(0, 8)}`;
  for (let n = 1; n <= 50; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    const [row] = await tx
      .insert(posts)
      .values({ ...values, slug })
      .onConflictDoNothing({ target: posts.slug })
      .returning();
    if (row) return row;
  }
  const [row] = await tx
    .insert(posts)
    .values({ ...values, slug: `${root}-${randomUUID().slice(0, 8)}` })
    .returning();
  return row!;
}

/** Finds or creates tags by name; returns their ids. */
async function ensureTags(tx: Tx, names: string[]): Promise<string[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) bySlug.set(slugify(name) || `tag-${randomUUID().slice(0, 8)}`, name.trim());
  if (bySlug.size === 0) return [];
  await tx
    .insert(tags)
    .values([...bySlug].map(([slug, name]) => ({ id: randomUUID(), slug, name })))
    .onConflictDoNothing({ target: tags.slug });
  const rows = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(inArray(tags.slug, [...bySlug.keys()]));
  return rows.map((r) => r.id);
}

export async function createPost(ctx: ServiceContext, authorId: string, input: CreatePostRequest) {
  const contentHtml = sanitizePostHtml(input.contentHtml);
  const text = htmlToText(contentHtml);
  return ctx.db.transaction(async (tx) => {
    const [category] = await tx.select().from(categories).where(eq(categories.id, input.categoryId));
    if (!category) throw badRequest("Unknown category");
    const publishedAt =
      input.status === "DRAFT"
        ? null
        : input.publishedAt
          ? new Date(input.publishedAt).toISOString()
          : new Date().toISOString();
    const post = await insertWithUniqueSlug(tx, slugify(input.title), {
      id: randomUUID(),
      title: input.title,
      excerpt: input.excerpt || makeExcerpt(text),
      contentHtml,
      status: input.status,
      authorId,
      categoryId: category.id,
      coverUrl: input.coverUrl ?? null,
      readingMinutes: readingMinutes(text),
      publishedAt,
    });
    const tagIds = await ensureTags(tx, input.tags);
    if (tagIds.length) await tx.insert(postTags).values(tagIds.map((tagId) => ({ postId: post.id, tagId })));
    await appendEvent(tx, {
      type: "post.created",
      aggregateId: post.id,
      aggregateVersion: post.version,
      payload: toPostState(post),
    });
    return (await findPostById(tx, post.id))!;
  });
}

export function registerPostRoutes(app: App, ctx: ServiceContext): void {
  app.get("/v1/posts", { schema: { querystring: postListQuery, response: { 200: postPage } } }, async (req) =>
    listPublicPosts(ctx.db, req.query),
  );

  app.get(
    "/v1/posts/:slug",
    { schema: { params: z.object({ slug: z.string().min(1).max(300) }), response: { 200: postDetail } } },
    async (req) => {
      const post = await findPostBySlug(ctx.db, req.params.slug);
      // Non-PUBLIC posts exist only for admins.
      if (!post || (post.status !== "PUBLIC" && req.identity?.role !== "ADMIN"))
        throw notFound("No such post");
      return post;
    },
  );

  app.post(
    "/v1/posts",
    { schema: { body: createPostRequest, response: { 201: postDetail } } },
    async (req, reply) => {
      const admin = requireAdmin(req);
      return reply.status(201).send(await createPost(ctx, admin.userId, req.body));
    },
  );
}
