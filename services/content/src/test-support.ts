import { randomUUID } from "node:crypto";
import type { EventEnvelope, PostState } from "@quire/contracts";
import { eventually, type TestStack } from "@quire/service-kit/testing";

/** An envelope as blog would publish it. */
export function postEnvelope(
  type: "post.created" | "post.updated" | "post.published" | "post.deleted",
  post: Partial<PostState> & { id: string },
  version: number,
): EventEnvelope {
  const state: PostState = {
    slug: `post-${post.id.slice(0, 8)}`,
    title: `Post ${post.id.slice(0, 8)}`,
    status: "PUBLIC",
    authorId: "author",
    categoryId: null,
    publishedAt: new Date().toISOString(),
    imageUrls: [],
    ...post,
  };
  return {
    id: randomUUID(),
    type,
    version: 1,
    aggregateId: post.id,
    aggregateVersion: version,
    occurredAt: new Date().toISOString(),
    traceparent: null,
    payload: type === "post.deleted" ? { id: state.id, slug: state.slug } : state,
  };
}

/** Publishes blog's events through the shared broker and waits until content's replica has the post. */
export async function publishPost(
  stack: TestStack,
  post: Partial<PostState> & { id?: string } = {},
  version = 1,
  type: "post.created" | "post.updated" | "post.deleted" = "post.created",
): Promise<string> {
  const id = post.id ?? randomUUID();
  const bus = await stack.broker.connect();
  await bus.publish([postEnvelope(type, { ...post, id }, version)]);
  const db = stack.services.content!.ctx.database;
  await eventually(async () => {
    const rows = await db.query<{ version: number }>("select version from posts where id = $1", [id]);
    return rows[0]?.version === version;
  });
  return id;
}

/** Waits until content's author replica knows the user (auth's user.registered has arrived). */
export async function waitForAuthor(stack: TestStack, userId: string): Promise<void> {
  const db = stack.services.content!.ctx.database;
  await eventually(
    async () => (await db.query("select 1 from authors where id = $1", [userId])).length === 1,
  );
}

/** Row counts of every table content owns, to show that refused input wrote nothing. */
export async function tableCounts(stack: TestStack): Promise<Record<string, unknown>> {
  const db = stack.services.content!.ctx.database;
  const out: Record<string, unknown> = {};
  for (const table of ["comments", "likes", "bookmarks", "engagement", "outbox"]) {
    const [row] = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    out[table] = row!.n;
  }
  const [edited] = await db.query<{ h: string }>(
    "select coalesce(md5(string_agg(id || content || status || coalesce(deleted_at::text, ''), ',' order by id)), '') as h from comments",
  );
  out.commentsHash = edited!.h;
  return out;
}
