import { authorCards, authorCardsQuery } from "@quire/contracts";
import type { App, ServiceContext } from "@quire/service-kit";
import { inArray } from "drizzle-orm";
import { users } from "../schema";

/**
 * Public author cards straight from the source of truth. Readers' screens use the replicas other services
 * keep; this route serves the BFF's composition mode (`BFF_AUTHOR_SOURCE=auth`), which benchmarks compare.
 */
export function registerAuthorRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/authors",
    { schema: { querystring: authorCardsQuery, response: { 200: authorCards } } },
    async (req) => ({
      items: await ctx.db
        .select({ id: users.id, name: users.name, avatarUrl: users.avatarUrl })
        .from(users)
        .where(inArray(users.id, req.query.ids)),
    }),
  );
}
