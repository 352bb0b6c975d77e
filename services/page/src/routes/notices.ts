import { randomUUID } from "node:crypto";
import {
  createNoticeRequest,
  type Notice,
  noticeDetail,
  noticeListQuery,
  noticePage,
  notice as noticeSchema,
  noticeStatusSchema,
  updateNoticeRequest,
} from "@quire/contracts";
import {
  type App,
  appendEvent,
  type DbOrTx,
  decodeCursor,
  encodeCursor,
  notFound,
  requireAdmin,
  type ServiceContext,
  sanitizeRichHtml,
  slugify,
  type Tx,
  timeCursor,
} from "@quire/service-kit";
import { and, asc, desc, eq, gt, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type NoticeRow, notices } from "../schema";

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

function toNotice(row: NoticeRow): Notice {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    contentHtml: row.contentHtml,
    badge: row.badge,
    color: row.color,
    pinned: row.pinned,
    status: row.status,
    publishedAt: iso(row.publishedAt),
    createdAt: iso(row.createdAt)!,
    updatedAt: iso(row.updatedAt)!,
  };
}

/** Static routes under /v1/notices/ win over `:slug`, so a notice may not take their names. */
const RESERVED_SLUGS = new Set(["popup"]);

/** Inserts with the first free slug of `base`, `base-2`, ...; the unique index settles races. */
async function insertWithUniqueSlug(tx: Tx, base: string, values: Omit<typeof notices.$inferInsert, "slug">) {
  const root = base || `notice-${randomUUID().slice(0, 8)}`;
  for (let n = 1; n <= 50; n++) {
    const slug = n === 1 ? root : `${root}-${n}`;
    if (RESERVED_SLUGS.has(slug)) continue;
    const [row] = await tx
      .insert(notices)
      .values({ ...values, slug })
      .onConflictDoNothing({ target: notices.slug })
      .returning();
    if (row) return row;
  }
  const [row] = await tx
    .insert(notices)
    .values({ ...values, slug: `${root}-${randomUUID().slice(0, 8)}` })
    .returning();
  return row!;
}

async function emitChange(
  tx: Tx,
  type: "page.created" | "page.updated" | "page.deleted",
  row: NoticeRow,
  version: number,
) {
  await appendEvent(tx, {
    type,
    aggregateId: row.id,
    aggregateVersion: version,
    payload: { kind: "notice", id: row.id, slug: row.slug, status: row.status },
  });
}

async function neighbour(db: DbOrTx, row: NoticeRow, direction: "previous" | "next") {
  const at = row.publishedAt!;
  const older = direction === "previous";
  const [found] = await db
    .select({ id: notices.id, slug: notices.slug, title: notices.title })
    .from(notices)
    .where(
      and(
        eq(notices.status, "PUBLISHED"),
        older
          ? or(lt(notices.publishedAt, at), and(eq(notices.publishedAt, at), lt(notices.id, row.id)))
          : or(gt(notices.publishedAt, at), and(eq(notices.publishedAt, at), gt(notices.id, row.id))),
      ),
    )
    .orderBy(
      older ? desc(notices.publishedAt) : asc(notices.publishedAt),
      older ? desc(notices.id) : asc(notices.id),
    )
    .limit(1);
  return found ?? null;
}

const idParams = z.object({ id: z.string().min(1).max(100) });
const listedNotice = noticeSchema.extend({ cursor: z.string() });

export function registerNoticeRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/notices",
    { schema: { querystring: noticeListQuery, response: { 200: noticePage } } },
    async (req) => {
      const conditions: SQL[] = [eq(notices.status, "PUBLISHED")];
      if (req.query.after) {
        const {
          keys: [pinned, publishedAt],
          id,
        } = decodeCursor(req.query.after, ["boolean", "time"]);
        conditions.push(
          sql`(${notices.pinned}, ${notices.publishedAt}, ${notices.id}) < (${pinned}, ${publishedAt}, ${id})`,
        );
      }
      const rows = await ctx.db
        .select()
        .from(notices)
        .where(and(...conditions))
        .orderBy(desc(notices.pinned), desc(notices.publishedAt), desc(notices.id))
        .limit(req.query.first + 1);
      const page = rows.slice(0, req.query.first);
      const cursorOf = (r: NoticeRow) => encodeCursor([r.pinned, iso(r.publishedAt)!], r.id);
      return {
        items: page.map((r) => ({ ...toNotice(r), cursor: cursorOf(r) })),
        pageInfo: {
          hasNextPage: rows.length > req.query.first,
          endCursor: page.length ? cursorOf(page.at(-1)!) : null,
        },
      };
    },
  );

  // Kept in memory while no notice was written (migrations/0002_popup_notices_stamp.sql).
  app.get("/v1/notices/popup", { schema: { response: { 200: z.array(noticeSchema) } } }, async () =>
    ctx.reads.read("popup_notices", "", async () => {
      const rows = await ctx.db
        .select()
        .from(notices)
        .where(and(eq(notices.status, "PUBLISHED"), eq(notices.pinned, true)))
        .orderBy(desc(notices.publishedAt), desc(notices.id))
        .limit(10);
      return rows.map(toNotice);
    }),
  );

  app.get(
    "/v1/notices/:slug",
    { schema: { params: z.object({ slug: z.string().min(1).max(300) }), response: { 200: noticeDetail } } },
    async (req) => {
      const [row] = await ctx.db.select().from(notices).where(eq(notices.slug, req.params.slug));
      // Drafts exist only for admins (preview).
      if (!row || (row.status !== "PUBLISHED" && req.identity?.role !== "ADMIN"))
        throw notFound("No such notice");
      const published = row.status === "PUBLISHED" && row.publishedAt;
      return {
        ...toNotice(row),
        previous: published ? await neighbour(ctx.db, row, "previous") : null,
        next: published ? await neighbour(ctx.db, row, "next") : null,
      };
    },
  );

  app.get(
    "/v1/admin/notices",
    {
      schema: {
        querystring: noticeListQuery.extend({ status: noticeStatusSchema.optional() }),
        response: { 200: z.object({ items: z.array(listedNotice), pageInfo: noticePage.shape.pageInfo }) },
      },
    },
    async (req) => {
      requireAdmin(req);
      const conditions: SQL[] = [];
      if (req.query.status) conditions.push(eq(notices.status, req.query.status));
      if (req.query.after) {
        const c = timeCursor.decode(req.query.after);
        conditions.push(sql`(${notices.createdAt}, ${notices.id}) < (${c.at}, ${c.id})`);
      }
      const rows = await ctx.db
        .select()
        .from(notices)
        .where(and(...conditions))
        .orderBy(desc(notices.createdAt), desc(notices.id))
        .limit(req.query.first + 1);
      const page = rows.slice(0, req.query.first);
      const cursorOf = (r: NoticeRow) => timeCursor.encode(r.createdAt, r.id);
      return {
        items: page.map((r) => ({ ...toNotice(r), cursor: cursorOf(r) })),
        pageInfo: {
          hasNextPage: rows.length > req.query.first,
          endCursor: page.length ? cursorOf(page.at(-1)!) : null,
        },
      };
    },
  );

  app.post(
    "/v1/notices",
    { schema: { body: createNoticeRequest, response: { 201: noticeSchema } } },
    async (req, reply) => {
      requireAdmin(req);
      const input = req.body;
      // Timestamps are made here with millisecond precision, so cursors built from them match exactly.
      const now = new Date().toISOString();
      const row = await ctx.db.transaction(async (tx) => {
        const created = await insertWithUniqueSlug(tx, slugify(input.title), {
          id: randomUUID(),
          title: input.title,
          contentHtml: sanitizeRichHtml(input.contentHtml),
          badge: input.badge,
          color: input.color.toLowerCase(),
          pinned: input.pinned,
          status: input.status,
          publishedAt:
            input.status === "PUBLISHED"
              ? input.publishedAt
                ? new Date(input.publishedAt).toISOString()
                : now
              : input.publishedAt
                ? new Date(input.publishedAt).toISOString()
                : null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        await emitChange(tx, "page.created", created, created.version);
        return created;
      });
      return reply.status(201).send(toNotice(row));
    },
  );

  app.patch(
    "/v1/notices/:id",
    { schema: { params: idParams, body: updateNoticeRequest, response: { 200: noticeSchema } } },
    async (req) => {
      requireAdmin(req);
      const input = req.body;
      const row = await ctx.db.transaction(async (tx) => {
        const [current] = await tx.select().from(notices).where(eq(notices.id, req.params.id)).for("update");
        if (!current) throw notFound("No such notice");
        const status = input.status ?? current.status;
        let publishedAt =
          input.publishedAt === undefined
            ? current.publishedAt && iso(current.publishedAt)
            : input.publishedAt && new Date(input.publishedAt).toISOString();
        // A published notice always has a date: the first publication sets it.
        if (status === "PUBLISHED" && !publishedAt) publishedAt = new Date().toISOString();
        const [updated] = await tx
          .update(notices)
          .set({
            ...(input.title !== undefined ? { title: input.title } : {}),
            ...(input.contentHtml !== undefined ? { contentHtml: sanitizeRichHtml(input.contentHtml) } : {}),
            ...(input.badge !== undefined ? { badge: input.badge } : {}),
            ...(input.color !== undefined ? { color: input.color.toLowerCase() } : {}),
            ...(input.pinned !== undefined ? { pinned: input.pinned } : {}),
            status,
            publishedAt: publishedAt ?? null,
            updatedAt: new Date().toISOString(),
            version: current.version + 1,
          })
          .where(eq(notices.id, current.id))
          .returning();
        await emitChange(tx, "page.updated", updated!, updated!.version);
        return updated!;
      });
      return toNotice(row);
    },
  );

  app.delete("/v1/notices/:id", { schema: { params: idParams } }, async (req, reply) => {
    requireAdmin(req);
    await ctx.db.transaction(async (tx) => {
      const [deleted] = await tx.delete(notices).where(eq(notices.id, req.params.id)).returning();
      if (!deleted) throw notFound("No such notice");
      // One past the last version, so the delete wins over any older update a consumer still holds.
      await emitChange(tx, "page.deleted", deleted, deleted.version + 1);
    });
    return reply.status(204).send();
  });
}
