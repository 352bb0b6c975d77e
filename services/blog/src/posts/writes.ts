import { randomUUID } from "node:crypto";
import type { PostState } from "@quire/contracts";
import {
  appendEvent,
  badRequest,
  conflict,
  htmlToText,
  sanitizeRichHtml,
  slugify,
  type Tx,
} from "@quire/service-kit";
import { and, eq, inArray, ne } from "drizzle-orm";
import { announce } from "../events/announce-taxonomy";
import { categories, deletedPosts, type PostRow, posts, postTags, tags } from "../schema";
import { isReservedSlug, makeExcerpt, readingMinutes, taxonomySlug } from "./text";

type Status = PostRow["status"];

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

function* slugCandidates(base: string) {
  const root = base || `post-${randomUUID().slice(0, 8)}`;
  for (let n = 1; n <= 50; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    if (!isReservedSlug("post", slug)) yield slug;
  }
  yield `${root}-${randomUUID().slice(0, 8)}`;
}

/** Inserts with the first free slug of `base`, `base-2`, `base-3`...; the unique index settles races. */
async function insertWithUniqueSlug(tx: Tx, base: string, values: Omit<typeof posts.$inferInsert, "slug">) {
  for (const slug of slugCandidates(base)) {
    const [row] = await tx
      .insert(posts)
      .values({ ...values, slug })
      .onConflictDoNothing({ target: posts.slug })
      .returning();
    if (row) return row;
  }
  throw conflict("No free slug for this title");
}

async function freeSlugFor(tx: Tx, base: string, postId: string): Promise<string> {
  for (const slug of slugCandidates(base)) {
    const [taken] = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(and(eq(posts.slug, slug), ne(posts.id, postId)));
    if (!taken) return slug;
  }
  throw conflict("No free slug for this title");
}

/** Finds or creates tags by name; returns their ids. */
async function ensureTags(tx: Tx, names: string[]): Promise<string[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    bySlug.set(
      taxonomySlug("tag", name, () => randomUUID().slice(0, 8)),
      name.trim(),
    );
  }
  if (bySlug.size === 0) return [];
  const created = await tx
    .insert(tags)
    .values([...bySlug].map(([slug, name]) => ({ id: randomUUID(), slug, name })))
    .onConflictDoNothing({ target: tags.slug })
    .returning({ id: tags.id, slug: tags.slug, name: tags.name });
  for (const tag of created) await announce(tx, "tag", "created", tag, 1);
  const rows = await tx
    .select({ id: tags.id })
    .from(tags)
    .where(inArray(tags.slug, [...bySlug.keys()]));
  return rows.map((r) => r.id);
}

/** A change to a post; an absent field keeps its value, `excerpt: ""` returns to the automatic excerpt. */
export interface PostChanges {
  title?: string | undefined;
  contentHtml?: string | undefined;
  excerpt?: string | undefined;
  categoryId?: string | null | undefined;
  tags?: string[] | undefined;
  status?: Status | undefined;
  coverUrl?: string | null | undefined;
  publishedAt?: string | undefined;
}

/**
 * Creates or changes a post and records the matching event in the same transaction. HTML is sanitised on
 * every write; the slug is derived from the title until the post is first PUBLIC and fixed from then on, so
 * a published link never breaks. `post.published` is emitted once, when the post first becomes PUBLIC.
 */
export async function writePost(
  tx: Tx,
  target: { id: string; authorId: string; existing: PostRow | null },
  changes: PostChanges,
): Promise<PostRow> {
  const { existing } = target;
  const now = new Date().toISOString();
  const contentHtml =
    changes.contentHtml !== undefined ? sanitizeRichHtml(changes.contentHtml) : (existing?.contentHtml ?? "");
  const text = htmlToText(contentHtml);
  const title = changes.title ?? existing?.title ?? "Untitled";
  const excerptCustom =
    changes.excerpt !== undefined ? changes.excerpt !== "" : (existing?.excerptCustom ?? false);
  const excerpt = excerptCustom ? (changes.excerpt ?? existing?.excerpt ?? "") : makeExcerpt(text);
  const categoryId = changes.categoryId !== undefined ? changes.categoryId : (existing?.categoryId ?? null);
  if (categoryId && categoryId !== existing?.categoryId) {
    const [category] = await tx
      .select({ id: categories.id })
      .from(categories)
      .where(eq(categories.id, categoryId));
    if (!category) throw badRequest("Unknown category");
  }
  const status = changes.status ?? existing?.status ?? "DRAFT";
  if (status !== "DRAFT" && !categoryId) throw badRequest("Choose a category");
  const publishedAt =
    status === "DRAFT"
      ? null
      : changes.publishedAt
        ? new Date(changes.publishedAt).toISOString()
        : (existing?.publishedAt ?? now);
  const firstPublishedAt = existing?.firstPublishedAt ?? (status === "PUBLIC" ? now : null);
  const values = {
    title,
    excerpt,
    excerptCustom,
    contentHtml,
    status,
    categoryId,
    coverUrl: changes.coverUrl !== undefined ? changes.coverUrl : (existing?.coverUrl ?? null),
    readingMinutes: readingMinutes(text),
    publishedAt,
    firstPublishedAt,
    searchText: `${title} ${text}`.toLowerCase(),
    updatedAt: now,
  };

  let row: PostRow;
  if (!existing) {
    row = await insertWithUniqueSlug(tx, slugify(title), {
      id: target.id,
      authorId: target.authorId,
      ...values,
    });
  } else {
    const slug =
      !existing.firstPublishedAt && title !== existing.title
        ? await freeSlugFor(tx, slugify(title), existing.id)
        : existing.slug;
    const [updated] = await tx
      .update(posts)
      .set({ ...values, slug, version: existing.version + 1 })
      .where(and(eq(posts.id, existing.id), eq(posts.version, existing.version)))
      .returning();
    // The row was locked by the caller, so a version mismatch means a bug rather than a race.
    if (!updated) throw conflict("The post changed meanwhile; try again");
    row = updated;
  }

  if (changes.tags !== undefined) {
    await tx.delete(postTags).where(eq(postTags.postId, row.id));
    const tagIds = await ensureTags(tx, changes.tags);
    if (tagIds.length) await tx.insert(postTags).values(tagIds.map((tagId) => ({ postId: row.id, tagId })));
  }

  const type = !existing
    ? "post.created"
    : status === "PUBLIC" && !existing.firstPublishedAt
      ? "post.published"
      : "post.updated";
  await appendEvent(tx, {
    type,
    aggregateId: row.id,
    aggregateVersion: row.version,
    payload: toPostState(row),
  });
  return row;
}

/** The post row, locked for the rest of the transaction so concurrent edits apply one after the other. */
export async function lockPost(tx: Tx, id: string): Promise<PostRow | null> {
  const [row] = await tx.select().from(posts).where(eq(posts.id, id)).for("update");
  return row ?? null;
}

export async function wasDeleted(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: deletedPosts.id }).from(deletedPosts).where(eq(deletedPosts.id, id));
  return Boolean(row);
}

/**
 * Deletes posts and emits `post.deleted` for each, versioned one past the post's last version so the delete
 * wins over any older update a consumer may still receive. A tombstone keeps the id from coming back.
 */
export async function deletePosts(tx: Tx, ids: string[], onlyStatus?: Status): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select()
    .from(posts)
    .where(and(inArray(posts.id, ids), onlyStatus ? eq(posts.status, onlyStatus) : undefined))
    .orderBy(posts.id)
    .for("update");
  if (rows.length === 0) return [];
  await tx.delete(posts).where(
    inArray(
      posts.id,
      rows.map((r) => r.id),
    ),
  );
  for (const row of rows) {
    const version = row.version + 1;
    await tx
      .insert(deletedPosts)
      .values({ id: row.id, slug: row.slug, version })
      .onConflictDoNothing({ target: deletedPosts.id });
    await appendEvent(tx, {
      type: "post.deleted",
      aggregateId: row.id,
      aggregateVersion: version,
      payload: { id: row.id, slug: row.slug },
    });
  }
  return rows.map((r) => r.id);
}

/** A unique-index violation: another request took the same id or slug at the same moment. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** Runs a write; a concurrent write that won a unique index gets a 409 rather than a 500. */
export async function refusingRaces<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict("Another change to this post happened at the same time; try again");
    throw error;
  }
}
