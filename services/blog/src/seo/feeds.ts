import { type App, type ServiceContext, stackPorts } from "@quire/service-kit";
import { desc, eq } from "drizzle-orm";
import { categories, posts, tags } from "../schema";

/** Characters XML 1.0 allows; control characters would make the whole document invalid. */
function isXmlChar(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c !== 0xfffe && c !== 0xffff);
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(text: string): string {
  return [...text]
    .filter(isXmlChar)
    .join("")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}

/** The public site's origin, without a trailing slash; every URL in the feeds is absolute. */
export function publicUrl(ctx: ServiceContext): string {
  return (ctx.config.env.QUIRE_PUBLIC_URL || `http://localhost:${stackPorts(ctx.config.env).shell}`).replace(
    /\/+$/,
    "",
  );
}

const isoDate = (t: string) => new Date(t).toISOString();

export function registerFeedRoutes(app: App, ctx: ServiceContext): void {
  app.get("/sitemap.xml", { schema: { hide: true } }, async (_req, reply) => {
    const base = publicUrl(ctx);
    const postRows = await ctx.db
      .select({ slug: posts.slug, updatedAt: posts.updatedAt })
      .from(posts)
      .where(eq(posts.status, "PUBLIC"))
      .orderBy(desc(posts.publishedAt));
    const categoryRows = await ctx.db
      .select({ slug: categories.slug })
      .from(categories)
      .orderBy(categories.slug);
    const tagRows = await ctx.db.select({ slug: tags.slug }).from(tags).orderBy(tags.slug);
    const urls: Array<{ loc: string; lastmod?: string }> = [
      { loc: `${base}/` },
      { loc: `${base}/posts` },
      { loc: `${base}/categories` },
      ...postRows.map((p) => ({
        loc: `${base}/posts/${encodeURIComponent(p.slug)}`,
        lastmod: isoDate(p.updatedAt),
      })),
      ...categoryRows.map((c) => ({ loc: `${base}/categories/${encodeURIComponent(c.slug)}` })),
      ...tagRows.map((t) => ({ loc: `${base}/tags/${encodeURIComponent(t.slug)}` })),
    ];
    const body = urls
      .map(
        (u) =>
          `  <url><loc>${escapeXml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ""}</url>`,
      )
      .join("\n");
    return reply
      .type("application/xml; charset=utf-8")
      .send(
        `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</urlset>\n`,
      );
  });

  app.get("/rss.xml", { schema: { hide: true } }, async (_req, reply) => {
    const base = publicUrl(ctx);
    const rows = await ctx.db
      .select({
        slug: posts.slug,
        title: posts.title,
        excerpt: posts.excerpt,
        publishedAt: posts.publishedAt,
        category: categories.name,
      })
      .from(posts)
      .leftJoin(categories, eq(categories.id, posts.categoryId))
      .where(eq(posts.status, "PUBLIC"))
      .orderBy(desc(posts.publishedAt), desc(posts.id))
      .limit(20);
    const items = rows
      .map((p) => {
        const link = escapeXml(`${base}/posts/${encodeURIComponent(p.slug)}`);
        return [
          "    <item>",
          `      <title>${escapeXml(p.title)}</title>`,
          `      <link>${link}</link>`,
          `      <guid isPermaLink="true">${link}</guid>`,
          p.publishedAt ? `      <pubDate>${new Date(p.publishedAt).toUTCString()}</pubDate>` : "",
          p.category ? `      <category>${escapeXml(p.category)}</category>` : "",
          `      <description>${escapeXml(p.excerpt)}</description>`,
          "    </item>",
        ]
          .filter(Boolean)
          .join("\n");
      })
      .join("\n");
    const lastBuild = rows[0]?.publishedAt
      ? new Date(rows[0].publishedAt).toUTCString()
      : new Date().toUTCString();
    return reply.type("application/rss+xml; charset=utf-8").send(
      `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Quire</title>
    <link>${escapeXml(`${base}/`)}</link>
    <description>Posts from Quire</description>
    <atom:link href="${escapeXml(`${base}/rss.xml`)}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${lastBuild}</lastBuildDate>
${items}
  </channel>
</rss>
`,
    );
  });

  app.get("/robots.txt", { schema: { hide: true } }, async (_req, reply) =>
    reply
      .type("text/plain; charset=utf-8")
      .send(`User-agent: *\nAllow: /\nDisallow: /admin\n\nSitemap: ${publicUrl(ctx)}/sitemap.xml\n`),
  );
}
