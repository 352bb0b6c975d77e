import {
  cleanOrphansRequest,
  cleanOrphansResult,
  orphanList,
  referencedImageUrls,
  storageUsage,
} from "@quire/contracts";
import { type App, callInternal, conflict, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { and, inArray, sql } from "drizzle-orm";
import { imageIdFromUrl, imageUrl } from "../images/urls";
import { type ImageRow, imageRefs, images } from "../schema";
import type { ObjectStore } from "../storage";
import { deleteImageRow } from "./images";

const unreferenced = sql`not exists (select 1 from ${imageRefs} where ${imageRefs.imageId} = ${images.id})`;

/**
 * Asks the owners of the truth (blog for posts, auth for avatars) which images are in use, so a cleanup does
 * not trust a replica that may lag. Any failure means the images cannot be proven unused.
 */
async function imagesInUseElsewhere(ctx: ServiceContext): Promise<Set<string>> {
  const sources = [
    { service: "blog", path: "/internal/images/referenced", what: "posts" },
    { service: "auth", path: "/internal/avatars", what: "avatars" },
  ] as const;
  const inUse = new Set<string>();
  for (const source of sources) {
    let urls: string[];
    try {
      const answer = await callInternal<unknown>(ctx.config, source.service, source.path, {
        timeoutMs: 5_000,
        retries: 1,
      });
      urls = referencedImageUrls.parse(answer).urls;
    } catch (error) {
      ctx.log.warn({ err: error, service: source.service }, "orphan cleanup aborted");
      throw conflict(
        `Cleanup aborted, nothing was deleted: ${source.service} could not confirm which images its ${source.what} use`,
      );
    }
    for (const url of urls) {
      const id = imageIdFromUrl(url);
      if (id) inUse.add(id);
    }
  }
  return inUse;
}

const toOrphan = (row: ImageRow) => ({
  id: row.id,
  url: imageUrl(row.id, row.purpose),
  purpose: row.purpose,
  ownerId: row.ownerId,
  bytes: row.bytes,
  createdAt: new Date(row.createdAt).toISOString(),
});

export function registerAdminRoutes(app: App, ctx: ServiceContext, store: ObjectStore): void {
  app.get("/v1/admin/storage/usage", { schema: { response: { 200: storageUsage } } }, async (req) => {
    requireAdmin(req);
    const rows = await ctx.db
      .select({
        purpose: images.purpose,
        count: sql<number>`count(*)::int`,
        bytes: sql<number>`coalesce(sum(${images.bytes}), 0)::bigint`,
      })
      .from(images)
      .groupBy(images.purpose);
    const byPurpose = {
      avatar: { count: 0, bytes: 0 },
      cover: { count: 0, bytes: 0 },
      post: { count: 0, bytes: 0 },
    };
    for (const r of rows) byPurpose[r.purpose] = { count: Number(r.count), bytes: Number(r.bytes) };
    const total = Object.values(byPurpose).reduce(
      (t, p) => ({ count: t.count + p.count, bytes: t.bytes + p.bytes }),
      {
        count: 0,
        bytes: 0,
      },
    );
    return { byPurpose, total, stored: await store.usage() };
  });

  app.get("/v1/admin/storage/orphans", { schema: { response: { 200: orphanList } } }, async (req) => {
    requireAdmin(req);
    const rows = await ctx.db.select().from(images).where(unreferenced).orderBy(images.createdAt, images.id);
    return { items: rows.map(toOrphan) };
  });

  app.post(
    "/v1/admin/storage/orphans/clean",
    { schema: { body: cleanOrphansRequest, response: { 200: cleanOrphansResult } } },
    async (req) => {
      requireAdmin(req);
      const cutoff = new Date(Date.now() - req.body.minAgeMinutes * 60_000).toISOString();
      const candidates = await ctx.db
        .select()
        .from(images)
        .where(and(unreferenced, sql`${images.createdAt} <= ${cutoff}`));
      if (candidates.length === 0) return { deleted: [], kept: [] };

      const inUse = await imagesInUseElsewhere(ctx);
      const kept = candidates.filter((c) => inUse.has(c.id)).map((c) => c.id);
      const doomed = candidates.filter((c) => !inUse.has(c.id)).map((c) => c.id);
      const deleted = doomed.length
        ? await ctx.db.transaction(async (tx) => {
            // Re-checked under lock: a reference may have arrived while blog and auth were asked.
            const rows = await tx
              .select()
              .from(images)
              .where(and(inArray(images.id, doomed), unreferenced))
              .for("update");
            for (const row of rows) await deleteImageRow(tx, row);
            return rows;
          })
        : [];
      for (const row of deleted) {
        await store
          .delete(row.key)
          .catch((error) => req.log.warn({ err: error, key: row.key }, "object not deleted"));
      }
      return { deleted: deleted.map((r) => r.id), kept };
    },
  );
}
