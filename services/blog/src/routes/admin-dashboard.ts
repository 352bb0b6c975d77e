import { type PostSummary, postSummary } from "@quire/contracts";
import { type App, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { pagePosts, topPublicPosts } from "../posts/queries";
import { posts } from "../schema";

const dashboardQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(5) });

const postRow = postSummary.extend({ updatedAt: z.string() });

export const blogDashboard = z.object({
  /** PUBLIC posts by likes*5 + views. */
  popularPosts: z.array(postSummary),
  /** PUBLIC and PRIVATE posts by publish date, newest first. */
  recentPosts: z.array(postRow),
  /** Drafts by last change, newest first. */
  recentDrafts: z.array(postRow),
});

const withUpdatedAt = ({ post, updatedAt }: { post: PostSummary; updatedAt: string }) => ({
  ...post,
  updatedAt,
});

/** The blog's part of the admin dashboard in one call, so the BFF composes the dashboard from one call here. */
export function registerAdminDashboardRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/admin/dashboard",
    { schema: { querystring: dashboardQuery, response: { 200: blogDashboard } } },
    async (req) => {
      requireAdmin(req);
      const { limit } = req.query;
      const popularPosts = await topPublicPosts(ctx.db, limit);
      const recent = await pagePosts(ctx.db, {
        where: [inArray(posts.status, ["PUBLIC", "PRIVATE"])],
        keys: [{ expr: sql`coalesce(${posts.publishedAt}, ${posts.createdAt})`, type: "time" }],
        first: limit,
      });
      const drafts = await pagePosts(ctx.db, {
        where: [eq(posts.status, "DRAFT")],
        keys: [{ expr: sql`${posts.updatedAt}`, type: "time" }],
        first: limit,
      });
      return {
        popularPosts,
        recentPosts: recent.items.map(withUpdatedAt),
        recentDrafts: drafts.items.map(withUpdatedAt),
      };
    },
  );
}
