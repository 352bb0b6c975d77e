import { recordViewRequest, recordViewResponse } from "@quire/contracts";
import { type App, appendEvent, notFound, rateLimit, type ServiceContext } from "@quire/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { posts, postViews, postViewTotals } from "../schema";
import type { SiteSettings } from "../site/settings";
import { visitorKey } from "../site/visitor";

export function registerViewRoutes(app: App, ctx: ServiceContext, site: SiteSettings): void {
  app.post(
    "/v1/views",
    {
      schema: { body: recordViewRequest, response: { 200: recordViewResponse } },
      config: { rateLimit: rateLimit(ctx.config, 600, "1 minute") },
    },
    async (req) => {
      const { postId } = req.body;
      const visitor = visitorKey(req, site.ipSalt);
      const day = site.today();
      return ctx.db.transaction(async (tx) => {
        // The share lock keeps a concurrent post.deleted from slipping between this check and the insert.
        const [post] = await tx
          .select({ id: posts.id })
          .from(posts)
          .where(and(eq(posts.id, postId), eq(posts.status, "PUBLIC"), eq(posts.deleted, false)))
          .for("share");
        if (!post) throw notFound("No such post");
        // The primary key settles concurrent first visits: exactly one insert wins, the rest do nothing.
        const inserted = await tx
          .insert(postViews)
          .values({ postId, day, visitor })
          .onConflictDoNothing()
          .returning({ postId: postViews.postId });
        if (inserted.length === 0) {
          const [total] = await tx.select().from(postViewTotals).where(eq(postViewTotals.postId, postId));
          return { counted: false, viewCount: total?.views ?? 0 };
        }
        const [total] = await tx
          .insert(postViewTotals)
          .values({ postId, views: 1 })
          .onConflictDoUpdate({
            target: postViewTotals.postId,
            set: { views: sql`${postViewTotals.views} + 1` },
          })
          .returning();
        const viewCount = total!.views;
        await appendEvent(tx, {
          type: "post.viewed",
          aggregateId: postId,
          aggregateVersion: viewCount,
          payload: { postId, viewCount },
        });
        return { counted: true, viewCount };
      });
    },
  );
}
