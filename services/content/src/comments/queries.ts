import { type DbOrTx, timeCursor } from "@quire/service-kit";
import { and, asc, count, desc, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { type AnyPgColumn, alias } from "drizzle-orm/pg-core";
import { authors, comments, posts } from "../schema";
import { authorColumns, toCommentView, type Viewer } from "./view";

const reply = alias(comments, "reply");
const parent = alias(comments, "parent");

/** Readers see approved comments; a signed-in author also sees their own pending ones; admins see all. */
export function visibleTo(t: { status: AnyPgColumn; userId: AnyPgColumn }, viewer: Viewer): SQL {
  if (viewer.admin) return sql`true`;
  if (viewer.userId) return or(eq(t.status, "APPROVED"), eq(t.userId, viewer.userId))!;
  return eq(t.status, "APPROVED");
}

export function isVisibleRow(row: { status: string; userId: string | null }, viewer: Viewer): boolean {
  return (
    viewer.admin || row.status === "APPROVED" || (viewer.userId !== null && row.userId === viewer.userId)
  );
}

const after = (cursor: string | undefined, direction: "asc" | "desc") => {
  if (!cursor) return undefined;
  const c = timeCursor.decode(cursor);
  return direction === "asc"
    ? sql`(${comments.createdAt}, ${comments.id}) > (${c.at}::timestamptz, ${c.id})`
    : sql`(${comments.createdAt}, ${comments.id}) < (${c.at}::timestamptz, ${c.id})`;
};

/**
 * A post's comments as threads: top-level comments oldest first (paged by cursor), each with its replies.
 * A deleted top-level comment shows as a placeholder while it has visible replies, and not at all without.
 */
export async function listThreads(
  db: DbOrTx,
  postId: string,
  viewer: Viewer,
  page: { first: number; after?: string | undefined },
) {
  const hasVisibleReply = sql`exists (select 1 from comments as reply where ${reply.parentId} = ${comments.id} and ${reply.deletedAt} is null and ${visibleTo(reply, viewer)})`;
  const top = await db
    .select({ comment: comments, author: authorColumns })
    .from(comments)
    .leftJoin(authors, eq(authors.id, comments.userId))
    .where(
      and(
        eq(comments.postId, postId),
        isNull(comments.parentId),
        visibleTo(comments, viewer),
        or(isNull(comments.deletedAt), hasVisibleReply),
        after(page.after, "asc"),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(page.first + 1);
  const pageRows = top.slice(0, page.first);
  const replies = pageRows.length
    ? await db
        .select({ comment: comments, author: authorColumns })
        .from(comments)
        .leftJoin(authors, eq(authors.id, comments.userId))
        .where(
          and(
            inArray(
              comments.parentId,
              pageRows.map((r) => r.comment.id),
            ),
            isNull(comments.deletedAt),
            visibleTo(comments, viewer),
          ),
        )
        .orderBy(asc(comments.createdAt), asc(comments.id))
    : [];
  const [total] = await db
    .select({ n: count() })
    .from(comments)
    .where(
      and(
        eq(comments.postId, postId),
        isNull(comments.deletedAt),
        visibleTo(comments, viewer),
        sql`(${comments.parentId} is null or exists (select 1 from comments as parent where ${parent.id} = ${comments.parentId} and ${visibleTo(parent, viewer)}))`,
      ),
    );
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((r) => ({
      ...toCommentView(r.comment, r.author, viewer),
      replies: replies
        .filter((x) => x.comment.parentId === r.comment.id)
        .map((x) => toCommentView(x.comment, x.author, viewer)),
      cursor: timeCursor.encode(r.comment.createdAt, r.comment.id),
    })),
    totalCount: total?.n ?? 0,
    pageInfo: {
      hasNextPage: top.length > page.first,
      endCursor: last ? timeCursor.encode(last.comment.createdAt, last.comment.id) : null,
    },
  };
}

const postRefColumns = { id: posts.id, slug: posts.slug, title: posts.title, deleted: posts.deleted };

/** Comments newest first with their post; for the user's own list and the admin console. */
export async function listCommentsWithPost(
  db: DbOrTx,
  viewer: Viewer,
  filter: SQL | undefined,
  page: { first: number; after?: string | undefined },
  options: { revealDeleted?: boolean } = {},
) {
  const rows = await db
    .select({ comment: comments, author: authorColumns, post: postRefColumns })
    .from(comments)
    .leftJoin(authors, eq(authors.id, comments.userId))
    .leftJoin(posts, eq(posts.id, comments.postId))
    .where(and(filter, after(page.after, "desc")))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(page.first + 1);
  const pageRows = rows.slice(0, page.first);
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((r) => ({
      ...toCommentView(r.comment, r.author, viewer, options),
      post: r.post && !r.post.deleted ? { id: r.post.id, slug: r.post.slug, title: r.post.title } : null,
      cursor: timeCursor.encode(r.comment.createdAt, r.comment.id),
    })),
    pageInfo: {
      hasNextPage: rows.length > page.first,
      endCursor: last ? timeCursor.encode(last.comment.createdAt, last.comment.id) : null,
    },
  };
}

/** The sidebar's latest comments: approved, not secret, not deleted, on public posts. */
export async function listRecentComments(db: DbOrTx, viewer: Viewer, limit: number) {
  const rows = await db
    .select({
      comment: comments,
      author: authorColumns,
      post: { id: posts.id, slug: posts.slug, title: posts.title },
    })
    .from(comments)
    .innerJoin(posts, eq(posts.id, comments.postId))
    .leftJoin(authors, eq(authors.id, comments.userId))
    .where(
      and(
        eq(comments.status, "APPROVED"),
        eq(comments.secret, false),
        isNull(comments.deletedAt),
        eq(posts.status, "PUBLIC"),
        eq(posts.deleted, false),
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit);
  return { items: rows.map((r) => ({ ...toCommentView(r.comment, r.author, viewer), post: r.post })) };
}
