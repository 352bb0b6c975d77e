import { adminPostListQuery, adminPostPage, searchPage, searchQuery } from "@quire/contracts";
import { type App, htmlToText, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { eq, type SQL, sql } from "drizzle-orm";
import { inCategory, isPublic, pagePosts, type SortKey } from "../posts/queries";
import { escapeLike, highlight, searchTerms, snippet } from "../posts/search";
import { posts } from "../schema";

/** Substring match on the lower-cased title and text: finds Hangul words followed by particles too. */
function containsAll(terms: string[]): SQL[] {
  return terms.map((t) => sql`${posts.searchText} like ${`%${escapeLike(t)}%`} escape '\\'`);
}

export function registerSearchRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/search",
    { schema: { querystring: searchQuery, response: { 200: searchPage } } },
    async (req) => {
      const terms = searchTerms(req.query.q);
      // Posts whose title has more of the words come first, then the newest.
      const titleHits = sql.join(
        terms.map(
          (t) =>
            sql`(case when lower(${posts.title}) like ${`%${escapeLike(t)}%`} escape '\\' then 1 else 0 end)`,
        ),
        sql` + `,
      );
      const keys: SortKey[] = [
        { expr: sql`(${titleHits})`, type: "int" },
        { expr: sql`${posts.publishedAt}`, type: "time" },
      ];
      const page = await pagePosts(ctx.db, {
        where: [isPublic, ...containsAll(terms)],
        keys,
        first: req.query.first,
        after: req.query.after,
        withContent: true,
      });
      return {
        items: page.items.map(({ post, contentHtml, cursor }) => ({
          ...post,
          titleHighlighted: highlight(post.title, terms),
          snippet: snippet(htmlToText(contentHtml ?? ""), terms),
          cursor,
        })),
        pageInfo: page.pageInfo,
      };
    },
  );

  app.get(
    "/v1/admin/posts",
    { schema: { querystring: adminPostListQuery, response: { 200: adminPostPage } } },
    async (req) => {
      requireAdmin(req);
      const { q, category, status, sort, first, after } = req.query;
      const where: SQL[] = [];
      if (q) where.push(...containsAll(searchTerms(q)));
      if (category) where.push(inCategory(category));
      if (status) where.push(eq(posts.status, status));
      const key: SortKey =
        sort === "views"
          ? { expr: sql`${posts.viewCount}`, type: "int" }
          : sort === "likes"
            ? { expr: sql`${posts.likeCount}`, type: "int" }
            : { expr: sql`coalesce(${posts.publishedAt}, ${posts.createdAt})`, type: "time" };
      const page = await pagePosts(ctx.db, { where, keys: [key], first, after });
      return {
        items: page.items.map(({ post, updatedAt, cursor }) => ({
          ...post,
          updatedAt,
          cursor,
        })),
        pageInfo: page.pageInfo,
      };
    },
  );
}
