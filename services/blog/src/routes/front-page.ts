import { type FrontPagePart, frontPageQuery, frontPageResponse } from "@quire/contracts";
import type { App, DbOrTx, ServiceContext } from "@quire/service-kit";
import { listPublicPosts, topPublicPosts } from "../posts/queries";
import { popularTags, topCategories } from "./categories";

/** How many of each the home page and the sidebar show. */
export const FRONT_PAGE_SIZES = { latest: 6, topCategories: 5, popularPosts: 5, popularTags: 10 } as const;

const readers: Record<FrontPagePart, (db: DbOrTx) => Promise<unknown>> = {
  featured: async (db) => (await topPublicPosts(db, 1))[0] ?? null,
  latest: async (db) =>
    (await listPublicPosts(db, { first: FRONT_PAGE_SIZES.latest, sort: "latest" })).items.map(
      ({ cursor: _cursor, ...post }) => post,
    ),
  topCategories: (db) => topCategories(db, FRONT_PAGE_SIZES.topCategories),
  popularPosts: (db) => topPublicPosts(db, FRONT_PAGE_SIZES.popularPosts),
  popularTags: (db) => popularTags(db, FRONT_PAGE_SIZES.popularTags),
};

/**
 * `GET /v1/front-page?parts=featured,latest,...`: what the home page and the sidebar show of blog's data in
 * one answer, so the BFF makes one call to blog for a screen however many of those fields it asks for.
 */
export function registerFrontPageRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/front-page",
    { schema: { querystring: frontPageQuery, response: { 200: frontPageResponse } } },
    async (req) => {
      const parts = req.query.parts;
      const values = await Promise.all(parts.map((part) => readers[part](ctx.db)));
      return Object.fromEntries(parts.map((part, i) => [part, values[i]]));
    },
  );
}
