import {
  type FrontPagePart,
  type FrontPageResponse,
  frontPageQuery,
  frontPageResponse,
} from "@quire/contracts";
import { type App, type DbOrTx, executedRows, type ServiceContext } from "@quire/service-kit";
import { type SQL, sql } from "drizzle-orm";
import {
  jsonArray,
  keysetOf,
  publicPostsPage,
  READING_STAMP,
  summaryJson,
  topPublicPostsQuery,
} from "../posts/queries";
import { posts } from "../schema";
import { popularTagsQuery, topCategoriesQuery } from "./categories";

/** How many of each the home page and the sidebar show. */
export const FRONT_PAGE_SIZES = { latest: 6, topCategories: 5, popularPosts: 5, popularTags: 10 } as const;

/** Each part as an SQL expression of its JSON value, the same queries the single-purpose routes run. */
const parts: Record<FrontPagePart, (db: DbOrTx) => SQL> = {
  featured: (db) => sql`(${topPublicPostsQuery(db, 1)})`,
  latest: (db) => {
    const { where, orderBy } = keysetOf(publicPostsPage({ first: FRONT_PAGE_SIZES.latest, sort: "latest" }));
    return jsonArray(
      db
        .select({ summary: summaryJson })
        .from(posts)
        .where(where)
        .orderBy(...orderBy)
        .limit(FRONT_PAGE_SIZES.latest),
    );
  },
  topCategories: (db) => jsonArray(topCategoriesQuery(db, FRONT_PAGE_SIZES.topCategories)),
  popularPosts: (db) => jsonArray(topPublicPostsQuery(db, FRONT_PAGE_SIZES.popularPosts)),
  popularTags: (db) => jsonArray(popularTagsQuery(db, FRONT_PAGE_SIZES.popularTags)),
};

/**
 * `GET /v1/front-page?parts=featured,latest,...`: what the home page and the sidebar show of blog's data in
 * one answer, so the BFF makes one call to blog for a screen however many of those fields it asks for. The
 * parts are one SQL statement (one snapshot, one round trip) whose JSON PostgreSQL builds.
 */
export function registerFrontPageRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/front-page",
    { schema: { querystring: frontPageQuery, response: { 200: frontPageResponse } } },
    async (req) =>
      // Kept in memory while nothing it reads has changed (migrations/0006_reading_stamp.sql).
      ctx.reads.read(READING_STAMP, `front-page:${req.query.parts.join(",")}`, async () => {
        const fields = req.query.parts.map((part) => sql`${part}::text, ${parts[part](ctx.db)}`);
        const result = await ctx.db.execute(
          sql`select json_build_object(${sql.join(fields, sql`, `)}) as page`,
        );
        return executedRows<{ page: Partial<FrontPageResponse> }>(result)[0]!.page;
      }),
  );
}
