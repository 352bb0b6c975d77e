import { postSnapshot, referencedImagesResponse } from "@quire/contracts";
import type { App, ServiceContext } from "@quire/service-kit";
import { asc } from "drizzle-orm";
import { imageUrlsOf, toPostState } from "../posts/writes";
import { deletedPosts, posts } from "../schema";

/** For other services only (the kit requires the service credential on /internal/*). */
export function registerInternalRoutes(app: App, ctx: ServiceContext): void {
  // The state post events carry, with versions, so a consumer can rebuild its replica and resume from events.
  app.get("/internal/posts/snapshot", { schema: { response: { 200: postSnapshot } } }, async () => {
    const rows = await ctx.db.select().from(posts).orderBy(asc(posts.id));
    const deleted = await ctx.db
      .select({ id: deletedPosts.id, slug: deletedPosts.slug, version: deletedPosts.version })
      .from(deletedPosts)
      .orderBy(asc(deletedPosts.id));
    return { posts: rows.map((p) => ({ ...toPostState(p), version: p.version })), deleted };
  });

  // Every image any post uses, drafts included: storage removes only images nobody references.
  app.get(
    "/internal/images/referenced",
    { schema: { response: { 200: referencedImagesResponse } } },
    async () => {
      const rows = await ctx.db
        .select({ coverUrl: posts.coverUrl, contentHtml: posts.contentHtml })
        .from(posts);
      const urls = new Set<string>();
      for (const row of rows) for (const url of imageUrlsOf(row)) urls.add(url);
      return { urls: [...urls].sort() };
    },
  );
}
