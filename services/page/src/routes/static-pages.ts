import {
  type StaticPage,
  type StaticPageContent,
  type StaticPageSlug,
  staticPage,
  staticPageContent,
  staticPageSlug,
  updateStaticPageRequest,
} from "@quire/contracts";
import { type App, appendEvent, type DbOrTx, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { staticPages } from "../schema";

/** What a page shows until an admin first saves it. */
export const DEFAULT_PAGES: Record<StaticPageSlug, StaticPageContent> = {
  introduce: {
    title: "About this blog",
    sections: [
      { heading: "Welcome", body: "A blog about building software, written in Korean and English." },
      { heading: "Contact", body: "Use the bug report form or leave a comment on any post." },
    ],
    updatedAt: null,
  },
  privacy: {
    title: "Privacy policy",
    sections: [
      {
        heading: "What we collect",
        body: "Your email, name and password (stored hashed) when you register; comments you write. Views and visits are counted per day with a salted hash of your address, never the address itself.",
      },
      {
        heading: "Your choices",
        body: "You can edit or delete your comments and your account settings at any time.",
      },
    ],
    updatedAt: null,
  },
};

async function readPage(db: DbOrTx, slug: StaticPageSlug): Promise<StaticPage> {
  const [row] = await db.select().from(staticPages).where(eq(staticPages.slug, slug));
  // A stored page that no longer matches the schema falls back to the defaults rather than breaking the page.
  const stored = row ? staticPageContent.safeParse(row.content) : null;
  return stored?.success
    ? { slug, content: stored.data, edited: true }
    : { slug, content: DEFAULT_PAGES[slug], edited: false };
}

const slugParams = z.object({ slug: staticPageSlug });

export function registerStaticPageRoutes(app: App, ctx: ServiceContext): void {
  app.get("/v1/pages/:slug", { schema: { params: slugParams, response: { 200: staticPage } } }, async (req) =>
    readPage(ctx.db, req.params.slug),
  );

  app.get("/v1/admin/pages", { schema: { response: { 200: z.array(staticPage) } } }, async (req) => {
    requireAdmin(req);
    return Promise.all(staticPageSlug.options.map((slug) => readPage(ctx.db, slug)));
  });

  app.put(
    "/v1/pages/:slug",
    { schema: { params: slugParams, body: updateStaticPageRequest, response: { 200: staticPage } } },
    async (req) => {
      requireAdmin(req);
      const { slug } = req.params;
      const content: StaticPageContent = {
        title: req.body.title,
        sections: req.body.sections,
        updatedAt: new Date().toISOString(),
      };
      await ctx.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(staticPages)
          .values({ slug, content, version: 1, updatedAt: content.updatedAt! })
          .onConflictDoUpdate({
            target: staticPages.slug,
            set: {
              content: sql`excluded.content`,
              version: sql`${staticPages.version} + 1`,
              updatedAt: sql`excluded.updated_at`,
            },
          })
          .returning({ version: staticPages.version });
        await appendEvent(tx, {
          type: row!.version === 1 ? "page.created" : "page.updated",
          aggregateId: slug,
          aggregateVersion: row!.version,
          payload: { kind: "page", id: slug, slug, status: "PUBLISHED" },
        });
      });
      return { slug, content, edited: true };
    },
  );
}
