import { recordVisitResponse, visitorCounts } from "@quire/contracts";
import { type App, rateLimit, type ServiceContext } from "@quire/service-kit";
import { sql } from "drizzle-orm";
import { siteVisits } from "../schema";
import type { SiteSettings } from "../site/settings";
import { addDays } from "../site/site-day";
import { visitorKey } from "../site/visitor";

export function registerVisitRoutes(app: App, ctx: ServiceContext, site: SiteSettings): void {
  app.post(
    "/v1/visits",
    {
      schema: { response: { 200: recordVisitResponse } },
      config: { rateLimit: rateLimit(ctx.config, 600, "1 minute") },
    },
    async (req) => {
      const inserted = await ctx.db
        .insert(siteVisits)
        .values({ day: site.today(), visitor: visitorKey(req, site.ipSalt) })
        .onConflictDoNothing()
        .returning({ day: siteVisits.day });
      return { counted: inserted.length > 0 };
    },
  );

  app.get("/v1/visitors", { schema: { response: { 200: visitorCounts } } }, async () => {
    const today = site.today();
    const [row] = await ctx.db
      .select({
        today: sql<number>`count(*) filter (where ${siteVisits.day} = ${today})::int`,
        yesterday: sql<number>`count(*) filter (where ${siteVisits.day} = ${addDays(today, -1)})::int`,
        total: sql<number>`count(*)::int`,
      })
      .from(siteVisits);
    return row ?? { today: 0, yesterday: 0, total: 0 };
  });
}
