import type { Dashboard } from "@quire/contracts";
import DataLoader from "dataloader";
import type { BffContext } from "../context";
import type { AdminDashboardResolvers, QueryResolvers } from "../generated/graphql";
import { requireAdmin } from "./admin-access";
import { toStorageUsage } from "./admin-storage";

type DashboardService = "analytics" | "blog" | "content" | "storage";

/** How many posts, drafts and comments each list of the dashboard shows. */
const RECENT = 5;

const parts: Record<DashboardService, (ctx: BffContext) => Promise<unknown>> = {
  analytics: (ctx) => ctx.api("analytics", { operation: "adminDashboard", path: "/v1/admin/dashboard" }),
  blog: (ctx) =>
    ctx.api("blog", { operation: "adminDashboard", path: "/v1/admin/dashboard", query: { limit: RECENT } }),
  content: (ctx) =>
    ctx.api("content", {
      operation: "adminDashboard",
      path: "/v1/admin/comments",
      query: { first: RECENT, includeDeleted: "false" },
    }),
  storage: (ctx) => ctx.api("storage", { operation: "adminDashboard", path: "/v1/admin/storage/usage" }),
};

/**
 * One loader per request (keyed by its context, gone with it): each widget asks for its service's part and
 * the loader makes at most one call per service, however many widgets (or aliases) need it.
 */
const loaders = new WeakMap<BffContext, DataLoader<DashboardService, unknown>>();
function part<T>(ctx: BffContext, service: DashboardService): Promise<T> {
  let loader = loaders.get(ctx);
  if (!loader) {
    loader = new DataLoader((services) =>
      Promise.all(services.map((s) => parts[s](ctx).catch((e: Error) => e))),
    );
    loaders.set(ctx, loader);
  }
  return loader.load(service) as Promise<T>;
}

type BlogPart = { popularPosts: unknown[]; recentPosts: unknown[]; recentDrafts: unknown[] };
type CommentPart = { items: unknown[] };

/** The admin dashboard: every widget resolves on its own, so a service down costs its widgets only. */
export const adminDashboardResolvers = {
  Query: {
    adminDashboard: (_, __, ctx) => {
      requireAdmin(ctx);
      return {};
    },
  } satisfies QueryResolvers,
  AdminDashboard: {
    totals: async (_, __, ctx) => (await part<Dashboard>(ctx, "analytics")).totals,
    today: async (_, __, ctx) => (await part<Dashboard>(ctx, "analytics")).series.days7.at(-1) ?? null,
    series7: async (_, __, ctx) => (await part<Dashboard>(ctx, "analytics")).series.days7,
    series30: async (_, __, ctx) => (await part<Dashboard>(ctx, "analytics")).series.days30,
    recentSignups: async (_, __, ctx) => (await part<Dashboard>(ctx, "analytics")).recentSignups,
    popularPosts: async (_, __, ctx) => (await part<BlogPart>(ctx, "blog")).popularPosts,
    recentPosts: async (_, __, ctx) => (await part<BlogPart>(ctx, "blog")).recentPosts,
    recentDrafts: async (_, __, ctx) => (await part<BlogPart>(ctx, "blog")).recentDrafts,
    recentComments: async (_, __, ctx) => (await part<CommentPart>(ctx, "content")).items,
    storage: async (_, __, ctx) =>
      toStorageUsage(await part<Parameters<typeof toStorageUsage>[0]>(ctx, "storage")),
  } satisfies AdminDashboardResolvers,
};
