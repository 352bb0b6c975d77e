import { type Dashboard, dashboard } from "@quire/contracts";
import { type App, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { and, desc, eq, gte, inArray, isNotNull, sql } from "drizzle-orm";
import { bugReports, postEngagement, posts, postViews, postViewTotals, siteVisits, users } from "../schema";
import type { SiteSettings } from "../site/settings";
import { daysEndingAt } from "../site/site-day";

/**
 * The admin dashboard, from local tables only (replicas kept from events, and this service's own views,
 * visits and reports), so it answers while other services are down.
 */
export async function readDashboard(ctx: ServiceContext, site: SiteSettings): Promise<Dashboard> {
  const db = ctx.db;
  const days30 = daysEndingAt(site.today(), 30);
  const since = days30[0]!;

  const postCounts = await db
    .select({ status: posts.status, n: sql<number>`count(*)::int` })
    .from(posts)
    .where(eq(posts.deleted, false))
    .groupBy(posts.status);
  const postsByStatus = { public: 0, private: 0, draft: 0 };
  for (const r of postCounts) postsByStatus[r.status.toLowerCase() as keyof typeof postsByStatus] = r.n;

  const [views] = await db
    .select({ n: sql<number>`coalesce(sum(${postViewTotals.views}), 0)::int` })
    .from(postViewTotals);
  // Counters of posts deleted since are no longer part of the site.
  const [engagement] = await db
    .select({
      likes: sql<number>`coalesce(sum(${postEngagement.likeCount}), 0)::int`,
      comments: sql<number>`coalesce(sum(${postEngagement.commentCount}), 0)::int`,
    })
    .from(postEngagement)
    .where(
      sql`not exists (select 1 from ${posts} where ${posts.id} = ${postEngagement.postId} and ${posts.deleted})`,
    );
  const [userCount] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(and(eq(users.deleted, false), isNotNull(users.registeredAt)));
  const [visitors] = await db.select({ n: sql<number>`count(*)::int` }).from(siteVisits);
  const [openReports] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(bugReports)
    .where(inArray(bugReports.status, ["OPEN", "IN_PROGRESS"]));

  const viewsPerDay = await db
    .select({ day: sql<string>`${postViews.day}::text`, n: sql<number>`count(*)::int` })
    .from(postViews)
    .where(gte(postViews.day, since))
    .groupBy(postViews.day);
  const visitorsPerDay = await db
    .select({ day: sql<string>`${siteVisits.day}::text`, n: sql<number>`count(*)::int` })
    .from(siteVisits)
    .where(gte(siteVisits.day, since))
    .groupBy(siteVisits.day);
  const signupDay = sql<string>`(${users.registeredAt} at time zone ${site.timeZone})::date::text`;
  const signupsPerDay = await db
    .select({ day: signupDay, n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      sql`${users.registeredAt} is not null and (${users.registeredAt} at time zone ${site.timeZone})::date >= ${since}::date`,
    )
    // By position: the time zone is a bound parameter, so a repeated expression would not match.
    .groupBy(sql`1`);

  const byDay = (rows: Array<{ day: string; n: number }>) => new Map(rows.map((r) => [r.day, r.n]));
  const viewMap = byDay(viewsPerDay);
  const visitorMap = byDay(visitorsPerDay);
  const signupMap = byDay(signupsPerDay);
  const series = days30.map((day) => ({
    day,
    views: viewMap.get(day) ?? 0,
    visitors: visitorMap.get(day) ?? 0,
    signups: signupMap.get(day) ?? 0,
  }));

  const recent = await db
    .select({ id: users.id, name: users.name, registeredAt: users.registeredAt })
    .from(users)
    .where(and(eq(users.deleted, false), isNotNull(users.registeredAt)))
    .orderBy(desc(users.registeredAt), desc(users.id))
    .limit(10);

  return {
    totals: {
      posts: postsByStatus,
      views: views?.n ?? 0,
      likes: engagement?.likes ?? 0,
      comments: engagement?.comments ?? 0,
      users: userCount?.n ?? 0,
      visitors: visitors?.n ?? 0,
      openBugReports: openReports?.n ?? 0,
    },
    series: { days7: series.slice(-7), days30: series },
    recentSignups: recent.map((u) => ({
      id: u.id,
      name: u.name,
      registeredAt: new Date(u.registeredAt!).toISOString(),
    })),
  };
}

export function registerDashboardRoutes(app: App, ctx: ServiceContext, site: SiteSettings): void {
  app.get("/v1/admin/dashboard", { schema: { response: { 200: dashboard } } }, async (req) => {
    requireAdmin(req);
    return readDashboard(ctx, site);
  });
}
