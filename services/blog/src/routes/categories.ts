import { randomUUID } from "node:crypto";
import { categoryRef, categoryWithCount, createCategoryRequest } from "@quire/contracts";
import { type App, conflict, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { asc, sql } from "drizzle-orm";
import { z } from "zod";
import { slugify } from "../posts/text";
import { categories, tags } from "../schema";

export function registerTaxonomyRoutes(app: App, ctx: ServiceContext): void {
  app.get("/v1/categories", { schema: { response: { 200: z.array(categoryWithCount) } } }, async () =>
    ctx.db
      .select({
        id: categories.id,
        slug: categories.slug,
        name: categories.name,
        postCount: sql<number>`(select count(*)::int from posts p where p.category_id = ${categories.id} and p.status = 'PUBLIC')`,
      })
      .from(categories)
      .orderBy(asc(categories.name)),
  );

  app.post(
    "/v1/categories",
    { schema: { body: createCategoryRequest, response: { 201: categoryRef } } },
    async (req, reply) => {
      requireAdmin(req);
      const slug = slugify(req.body.slug || req.body.name) || `category-${randomUUID().slice(0, 8)}`;
      const [row] = await ctx.db
        .insert(categories)
        .values({ id: randomUUID(), slug, name: req.body.name })
        .onConflictDoNothing({ target: categories.slug })
        .returning({ id: categories.id, slug: categories.slug, name: categories.name });
      if (!row) throw conflict("A category with this slug exists");
      return reply.status(201).send(row);
    },
  );

  app.get("/v1/tags", { schema: { response: { 200: z.array(categoryWithCount) } } }, async () =>
    ctx.db
      .select({
        id: tags.id,
        slug: tags.slug,
        name: tags.name,
        postCount: sql<number>`(select count(*)::int from post_tags pt join posts p on p.id = pt.post_id where pt.tag_id = ${tags.id} and p.status = 'PUBLIC')`,
      })
      .from(tags)
      .orderBy(asc(tags.name)),
  );
}
