import type { PostDetail, PostSummary } from "@quire/contracts";
import {
  type CursorKey,
  type CursorKeyType,
  type DbOrTx,
  decodeCursor,
  encodeCursor,
} from "@quire/service-kit";
import { and, desc, eq, ne, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { categories, posts, postTags, tags } from "../schema";

/** A timestamp as JavaScript's `toISOString()` writes it (milliseconds, UTC), made by PostgreSQL. */
const isoTime = (column: SQLWrapper) =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A post as every list shows it (`PostSummary`, with its category, tags and author), built by PostgreSQL as
 * one JSON value: a screen of posts is one statement, with no second query for tags and no per-row mapping.
 * Its subqueries run only for the rows a LIMIT keeps (the planner evaluates them after the sort). Columns are
 * named in full: drizzle writes a single-table selection's columns unqualified, which inside these subqueries
 * would name the subquery's own tables.
 */
export const summaryJson = sql<PostSummary>`json_build_object(
  'id', posts.id, 'slug', posts.slug, 'title', posts.title, 'excerpt', posts.excerpt,
  'coverUrl', posts.cover_url, 'status', posts.status, 'publishedAt', ${isoTime(sql`posts.published_at`)},
  'readingMinutes', posts.reading_minutes, 'viewCount', posts.view_count,
  'likeCount', posts.like_count, 'commentCount', posts.comment_count,
  'category', (select json_build_object('id', c.id, 'slug', c.slug, 'name', c.name)
    from categories c where c.id = posts.category_id),
  'tags', coalesce((select json_agg(json_build_object('id', t.id, 'slug', t.slug, 'name', t.name) order by t.name)
    from post_tags pt join tags t on t.id = pt.tag_id where pt.post_id = posts.id), '[]'::json),
  'author', (select json_build_object('id', a.id, 'name', a.name, 'avatarUrl', a.avatar_url)
    from authors a where a.id = posts.author_id))`;

/** The read stamp of what readers see of posts (migrations/0006_reading_stamp.sql names its tables). */
export const READING_STAMP = "reading";

/** A post with what only some screens need: its content (search snippets, the post page) and last change. */
export type PostView = PostSummary & { contentHtml: string; updatedAt: string };

const viewColumns = {
  summary: summaryJson,
  contentHtml: posts.contentHtml,
  updatedAt: isoTime(sql`posts.updated_at`),
};

const toView = ({
  summary,
  contentHtml,
  updatedAt,
}: {
  summary: PostSummary;
  contentHtml: string;
  updatedAt: string;
}) => ({ ...summary, contentHtml, updatedAt }) satisfies PostView;

/** A one-column query's rows as a JSON array, in the query's own order (ARRAY keeps its subquery's order). */
export const jsonArray = (query: SQLWrapper) => sql`array_to_json(array(${query}))`;

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

/** The condition and order of a keyset page: run by pagePosts, embedded by the front page. */
export function keysetOf(page: KeysetPage): { where: SQL | undefined; orderBy: SQL[] } {
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
  return { where: and(...conditions), orderBy: [...page.keys.map((k) => desc(k.expr)), desc(posts.id)] };
}

/**
 * One page of posts ordered by `keys` (descending) then id, resumed after a cursor: the cost of a page does
 * not grow with its depth. Time keys travel as PostgreSQL's own text, so microseconds survive the round trip.
 * `contentHtml` is read only for `withContent` (search snippets).
 */
export async function pagePosts(db: DbOrTx, page: KeysetPage & { withContent?: boolean }) {
  const { where, orderBy } = keysetOf(page);
  const rows = await db
    .select({
      summary: summaryJson,
      updatedAt: isoTime(sql`posts.updated_at`),
      contentHtml: page.withContent ? posts.contentHtml : sql<null>`null`,
      sortKeys: sql<string>`json_build_array(${sql.join(
        page.keys.map((k) => k.expr),
        sql`, `,
      )})::text`,
    })
    .from(posts)
    .where(where)
    .orderBy(...orderBy)
    .limit(page.first + 1);
  const slice = rows.slice(0, page.first);
  const cursors = slice.map((r) => encodeCursor(JSON.parse(r.sortKeys) as CursorKey[], r.summary.id));
  return {
    items: slice.map(({ summary, updatedAt, contentHtml }, i) => ({
      post: summary,
      updatedAt,
      contentHtml,
      cursor: cursors[i]!,
    })),
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

/** The keyset page of PUBLIC posts, newest first or most popular first. */
export function publicPostsPage(options: ListOptions): KeysetPage {
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
  return { where, keys, first: options.first, after: options.after };
}

/** PUBLIC posts, newest first or most popular first, by keyset. */
export async function listPublicPosts(db: DbOrTx, options: ListOptions) {
  const page = await pagePosts(db, publicPostsPage(options));
  return {
    items: page.items.map(({ post, cursor }) => ({ ...post, cursor })),
    pageInfo: page.pageInfo,
  };
}

async function findOne(db: DbOrTx, where: SQL): Promise<PostView | null> {
  const [row] = await db.select(viewColumns).from(posts).where(where);
  return row ? toView(row) : null;
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

/** PUBLIC posts in order of `score` (descending), newest first among equals, as one JSON column. */
export function topPublicPostsQuery(db: DbOrTx, limit: number, extra: SQL[] = []) {
  return db
    .select({ summary: summaryJson })
    .from(posts)
    .where(and(isPublic, ...extra))
    .orderBy(desc(popularityScore), desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
}

export async function topPublicPosts(db: DbOrTx, limit: number, extra: SQL[] = []): Promise<PostSummary[]> {
  return (await topPublicPostsQuery(db, limit, extra)).map((r) => r.summary);
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
    .select({ summary: summaryJson })
    .from(posts)
    .where(and(isPublic, ne(posts.id, post.id), sql`${score} > 0`))
    .orderBy(desc(score), desc(posts.publishedAt), desc(posts.id))
    .limit(limit);
  return rows.map((r) => r.summary);
}
