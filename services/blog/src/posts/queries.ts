import type { PostDetail, PostSummary } from "@quire/contracts";
import type { DbOrTx } from "@quire/service-kit";
import { and, desc, eq, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { authors, categories, type PostRow, posts, postTags, tags } from "../schema";
import { decodeCursor, encodeCursor } from "./cursor";

const summaryColumns = {
  post: posts,
  author: { id: authors.id, name: authors.name, avatarUrl: authors.avatarUrl },
  category: { id: categories.id, slug: categories.slug, name: categories.name },
};

type Joined = {
  post: PostRow;
  author: { id: string; name: string; avatarUrl: string | null } | null;
  category: { id: string; slug: string; name: string } | null;
};

async function withTags(db: DbOrTx, rows: Joined[]): Promise<Array<PostSummary & { contentHtml: string }>> {
  const ids = rows.map((r) => r.post.id);
  const tagRows = ids.length
    ? await db
        .select({ postId: postTags.postId, id: tags.id, slug: tags.slug, name: tags.name })
        .from(postTags)
        .innerJoin(tags, eq(tags.id, postTags.tagId))
        .where(inArray(postTags.postId, ids))
        .orderBy(tags.name)
    : [];
  return rows.map(({ post, author, category }) => ({
    id: post.id,
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    coverUrl: post.coverUrl,
    status: post.status,
    publishedAt: post.publishedAt ? new Date(post.publishedAt).toISOString() : null,
    readingMinutes: post.readingMinutes,
    viewCount: post.viewCount,
    likeCount: post.likeCount,
    commentCount: post.commentCount,
    category,
    tags: tagRows.filter((t) => t.postId === post.id).map(({ id, slug, name }) => ({ id, slug, name })),
    author,
    contentHtml: post.contentHtml,
  }));
}

export interface ListOptions {
  first: number;
  after?: string | undefined;
  category?: string | undefined;
  tag?: string | undefined;
}

/** PUBLIC posts, newest first, by keyset: the cost of a page does not grow with its depth. */
export async function listPublicPosts(db: DbOrTx, options: ListOptions) {
  const conditions: SQL[] = [eq(posts.status, "PUBLIC")];
  if (options.after) {
    const c = decodeCursor(options.after);
    conditions.push(
      or(
        lt(posts.publishedAt, c.publishedAt),
        and(eq(posts.publishedAt, c.publishedAt), lt(posts.id, c.id)),
      ) as SQL,
    );
  }
  if (options.category) conditions.push(eq(categories.slug, options.category));
  if (options.tag) {
    conditions.push(
      sql`exists (select 1 from ${postTags} join ${tags} on ${tags.id} = ${postTags.tagId}
        where ${postTags.postId} = ${posts.id} and ${tags.slug} = ${options.tag})`,
    );
  }
  const rows = await db
    .select(summaryColumns)
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(and(...conditions))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(options.first + 1);
  const page = rows.slice(0, options.first);
  const items = (await withTags(db, page)).map(({ contentHtml: _omit, ...summary }) => ({
    ...summary,
    cursor: encodeCursor(summary.publishedAt ?? "", summary.id),
  }));
  const last = page.at(-1)?.post;
  return {
    items,
    pageInfo: {
      hasNextPage: rows.length > options.first,
      endCursor: last?.publishedAt ? encodeCursor(new Date(last.publishedAt).toISOString(), last.id) : null,
    },
  };
}

export async function findPostBySlug(db: DbOrTx, slug: string): Promise<PostDetail | null> {
  const rows = await db
    .select(summaryColumns)
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(eq(posts.slug, slug));
  const [post] = await withTags(db, rows);
  return post ?? null;
}

export async function findPostById(db: DbOrTx, id: string): Promise<PostDetail | null> {
  const [row] = await db.select({ slug: posts.slug }).from(posts).where(eq(posts.id, id));
  return row ? findPostBySlug(db, row.slug) : null;
}
