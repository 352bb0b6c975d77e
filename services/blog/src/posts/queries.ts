import type { PostDetail, PostSummary } from "@quire/contracts";
import {
  type CursorKey,
  type CursorKeyType,
  type DbOrTx,
  decodeCursor,
  encodeCursor,
} from "@quire/service-kit";
import { and, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { authors, categories, type PostRow, posts, postTags, tags } from "../schema";

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

export type PostView = PostSummary & { contentHtml: string; updatedAt: string };

const iso = (t: string | null) => (t ? new Date(t).toISOString() : null);

async function withTags(db: DbOrTx, rows: Joined[]): Promise<PostView[]> {
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
    publishedAt: iso(post.publishedAt),
    readingMinutes: post.readingMinutes,
    viewCount: post.viewCount,
    likeCount: post.likeCount,
    commentCount: post.commentCount,
    category,
    tags: tagRows.filter((t) => t.postId === post.id).map(({ id, slug, name }) => ({ id, slug, name })),
    author,
    contentHtml: post.contentHtml,
    updatedAt: iso(post.updatedAt)!,
  }));
}

export function toSummary({ contentHtml: _c, updatedAt: _u, ...summary }: PostView): PostSummary {
  return summary;
}

/** likes count five times a view: the ranking of featured and popular posts. */
export const popularityScore = sql<number>`(${posts.likeCount} * 5 + ${posts.viewCount})`;

export const isPublic = eq(posts.status, "PUBLIC");

/** A descending sort key of a keyset page; the post id always breaks ties. */
export interface SortKey {
  expr: SQL;
  type: CursorKeyType;
}

export interface KeysetPage {
  where: SQL[];
  keys: SortKey[];
  first: number;
  after?: string | undefined;
}

/**
 * One page of posts ordered by `keys` (descending) then id, resumed after a cursor: the cost of a page does
 * not grow with its depth. Time keys travel as PostgreSQL's own text, so microseconds survive the round trip.
 */
export async function pagePosts(db: DbOrTx, page: KeysetPage) {
  const conditions = [...page.where];
  const types = page.keys.map((k) => k.type);
  if (page.after) {
    const c = decodeCursor(page.after, types);
    const values = c.keys.map((v, i) => (types[i] === "time" ? sql`${v}::timestamptz` : sql`${v}::int`));
    conditions.push(
      sql`(${sql.join(
        page.keys.map((k) => k.expr),
        sql`, `,
      )}, ${posts.id}) < (${sql.join(values, sql`, `)}, ${c.id})`,
    );
  }
  const rows = await db
    .select({
      ...summaryColumns,
      sortKeys: sql<string>`json_build_array(${sql.join(
        page.keys.map((k) => k.expr),
        sql`, `,
      )})::text`,
    })
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(and(...conditions))
    .orderBy(...page.keys.map((k) => desc(k.expr)), desc(posts.id))
    .limit(page.first + 1);
  const slice = rows.slice(0, page.first);
  const views = await withTags(db, slice);
  const cursors = slice.map((r) => encodeCursor(JSON.parse(r.sortKeys) as CursorKey[], r.post.id));
  return {
    items: views.map((view, i) => ({ view, cursor: cursors[i]! })),
    pageInfo: { hasNextPage: rows.length > page.first, endCursor: cursors.at(-1) ?? null },
  };
}

export interface ListOptions {
  first: number;
  after?: string | undefined;
  category?: string | undefined;
  tag?: string | undefined;
  sort?: "latest" | "popular" | undefined;
}

export function inCategory(slug: string): SQL {
  return sql`exists (select 1 from ${categories} where ${categories.id} = ${posts.categoryId} and ${categories.slug} = ${slug})`;
}

export function withTag(slug: string): SQL {
  return sql`exists (select 1 from ${postTags} join ${tags} on ${tags.id} = ${postTags.tagId}
    where ${postTags.postId} = ${posts.id} and ${tags.slug} = ${slug})`;
}

/** PUBLIC posts, newest first or most popular first, by keyset. */
export async function listPublicPosts(db: DbOrTx, options: ListOptions) {
  const where: SQL[] = [isPublic];
  if (options.category) where.push(inCategory(options.category));
  if (options.tag) where.push(withTag(options.tag));
  const keys: SortKey[] =
    options.sort === "popular"
      ? [
          { expr: popularityScore, type: "int" },
          { expr: sql`${posts.publishedAt}`, type: "time" },
        ]
      : [{ expr: sql`${posts.publishedAt}`, type: "time" }];
  const page = await pagePosts(db, { where, keys, first: options.first, after: options.after });
  return {
    items: page.items.map(({ view, cursor }) => ({ ...toSummary(view), cursor })),
    pageInfo: page.pageInfo,
  };
}

async function findOne(db: DbOrTx, where: SQL): Promise<PostView | null> {
  const rows = await db
    .select(summaryColumns)
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(where);
  const [post] = await withTags(db, rows);
  return post ?? null;
}

function toDetail({ updatedAt: _u, ...detail }: PostView): PostDetail {
  return detail;
}

export async function findPostBySlug(db: DbOrTx, slug: string): Promise<PostDetail | null> {
  const post = await findOne(db, eq(posts.slug, slug));
  return post ? toDetail(post) : null;
}

export async function findPostById(db: DbOrTx, id: string): Promise<PostDetail | null> {
  const post = await findOne(db, eq(posts.id, id));
  return post ? toDetail(post) : null;
}

/** PUBLIC posts in order of `score` (descending), newest first among equals. */
export async function topPublicPosts(db: DbOrTx, limit: number, extra: SQL[] = []): Promise<PostSummary[]> {
  const rows = await db
    .select(summaryColumns)
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(and(isPublic, ...extra))
    .orderBy(desc(popularityScore), desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
  return (await withTags(db, rows)).map(toSummary);
}

type Neighbour = { slug: string; title: string } | null;

/** The PUBLIC posts published just before and just after a post (id breaks ties of `publishedAt`). */
export async function neighboursOf(
  db: DbOrTx,
  post: { id: string; publishedAt: string | null },
): Promise<{ previous: Neighbour; next: Neighbour }> {
  if (!post.publishedAt) return { previous: null, next: null };
  const at = sql`${post.publishedAt}::timestamptz`;
  const [previous] = await db
    .select({ slug: posts.slug, title: posts.title })
    .from(posts)
    .where(and(isPublic, sql`(${posts.publishedAt}, ${posts.id}) < (${at}, ${post.id})`))
    .orderBy(desc(posts.publishedAt), desc(posts.id))
    .limit(1);
  const [next] = await db
    .select({ slug: posts.slug, title: posts.title })
    .from(posts)
    .where(and(isPublic, sql`(${posts.publishedAt}, ${posts.id}) > (${at}, ${post.id})`))
    .orderBy(posts.publishedAt, posts.id)
    .limit(1);
  return { previous: previous ?? null, next: next ?? null };
}

/** Up to `limit` PUBLIC posts scored by same category (+2) and each shared tag (+1); never the post itself. */
export async function relatedPosts(
  db: DbOrTx,
  post: { id: string; categoryId: string | null },
  limit = 3,
): Promise<PostSummary[]> {
  const score = sql<number>`((case when ${posts.categoryId} = ${post.categoryId} then 2 else 0 end)
    + (select count(*)::int from ${postTags} a join ${postTags} b on b.tag_id = a.tag_id
       where a.post_id = ${posts.id} and b.post_id = ${post.id}))`;
  const rows = await db
    .select(summaryColumns)
    .from(posts)
    .leftJoin(authors, eq(authors.id, posts.authorId))
    .leftJoin(categories, eq(categories.id, posts.categoryId))
    .where(and(isPublic, ne(posts.id, post.id), sql`${score} > 0`))
    .orderBy(desc(score), desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
  return (await withTags(db, rows)).map(toSummary);
}
