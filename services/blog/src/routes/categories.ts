import { randomUUID } from "node:crypto";
import {
  categoryRef,
  categoryWithCount,
  createCategoryRequest,
  limitQuery,
  updateCategoryRequest,
} from "@quire/contracts";
import {
  type App,
  badRequest,
  conflict,
  type DbOrTx,
  notFound,
  requireAdmin,
  type ServiceContext,
} from "@quire/service-kit";
import { and, asc, desc, eq, gt, ne, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { announce } from "../events/announce-taxonomy";
import { taxonomySlug } from "../posts/text";
import { categories, tags } from "../schema";

/** Categories and tags have the same columns, so one set of routes serves both. */
type Taxonomy = typeof categories;

interface TaxonomySpec {
  table: Taxonomy;
  /** Route segment and label: "categories"/"category", "tags"/"tag". */
  plural: string;
  singular: "category" | "tag";
  /** Posts of any status that use the entry, which keep it from being deleted. */
  usage: (id: string) => SQL<number>;
}

const specs: TaxonomySpec[] = [
  {
    table: categories,
    plural: "categories",
    singular: "category",
    usage: (id) => sql<number>`(select count(*)::int from posts p where p.category_id = ${id})`,
  },
  {
    table: tags as unknown as Taxonomy,
    plural: "tags",
    singular: "tag",
    usage: (id) => sql<number>`(select count(*)::int from post_tags pt where pt.tag_id = ${id})`,
  },
];

const idParams = z.object({ id: z.string().min(1).max(100) });
const slugParams = z.object({ slug: z.string().min(1).max(200) });

function slugFor(spec: TaxonomySpec, wanted: string): string {
  return taxonomySlug(spec.singular, wanted, () => randomUUID().slice(0, 8));
}

type UsedEntry = { id: string; slug: string; name: string; postCount: number };

/**
 * Entries with PUBLIC posts, the most used first (an index read of the kept counts), as one JSON column so
 * the front page can embed the query.
 */
function mostUsedQuery(db: DbOrTx, table: Taxonomy, limit: number) {
  return db
    .select({
      entry: sql<UsedEntry>`json_build_object('id', ${table.id}, 'slug', ${table.slug}, 'name', ${table.name},
        'postCount', ${table.publicPostCount})`,
    })
    .from(table)
    .where(gt(table.publicPostCount, 0))
    .orderBy(desc(table.publicPostCount), asc(table.name))
    .limit(limit);
}

export const topCategoriesQuery = (db: DbOrTx, limit: number) => mostUsedQuery(db, categories, limit);
export const popularTagsQuery = (db: DbOrTx, limit: number) =>
  mostUsedQuery(db, tags as unknown as Taxonomy, limit);

function registerTaxonomy(
  app: App,
  ctx: ServiceContext,
  spec: TaxonomySpec,
  topRoute: string,
  topLimit: number,
) {
  const { table, plural, singular } = spec;
  const Singular = singular[0]!.toUpperCase() + singular.slice(1);
  const withCount = { id: table.id, slug: table.slug, name: table.name, postCount: table.publicPostCount };
  const ref = { id: table.id, slug: table.slug, name: table.name };

  app.get(`/v1/${plural}`, { schema: { response: { 200: z.array(categoryWithCount) } } }, async () =>
    ctx.db.select(withCount).from(table).orderBy(asc(table.name)),
  );

  app.get(
    `/v1/${plural}/${topRoute}`,
    { schema: { querystring: limitQuery(topLimit), response: { 200: z.array(categoryWithCount) } } },
    async (req) => (await mostUsedQuery(ctx.db, table, req.query.limit)).map((r) => r.entry),
  );

  app.get(
    `/v1/${plural}/:slug`,
    { schema: { params: slugParams, response: { 200: categoryWithCount } } },
    async (req) => {
      const [row] = await ctx.db.select(withCount).from(table).where(eq(table.slug, req.params.slug));
      if (!row) throw notFound(`No such ${singular}`);
      return row;
    },
  );

  app.post(
    `/v1/${plural}`,
    { schema: { body: createCategoryRequest, response: { 201: categoryRef } } },
    async (req, reply) => {
      requireAdmin(req);
      const slug = slugFor(spec, req.body.slug || req.body.name);
      const row = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(table)
          .values({ id: randomUUID(), slug, name: req.body.name })
          .onConflictDoNothing({ target: table.slug })
          .returning(ref);
        if (!created) throw conflict(`A ${singular} with this slug exists`);
        await announce(tx, singular, "created", created, 1);
        return created;
      });
      return reply.status(201).send(row);
    },
  );

  app.patch(
    `/v1/${plural}/:id`,
    { schema: { params: idParams, body: updateCategoryRequest, response: { 200: categoryRef } } },
    async (req) => {
      requireAdmin(req);
      const { name, slug } = req.body;
      if (name === undefined && slug === undefined) throw badRequest("Nothing to change");
      const set = {
        ...(name !== undefined ? { name } : {}),
        ...(slug !== undefined ? { slug: slugFor(spec, slug) } : {}),
      };
      return ctx.db.transaction(async (tx) => {
        if (set.slug) {
          const [taken] = await tx
            .select({ id: table.id })
            .from(table)
            .where(and(eq(table.slug, set.slug), ne(table.id, req.params.id)));
          if (taken) throw conflict(`A ${singular} with this slug exists`);
        }
        const [row] = await tx
          .update(table)
          .set({ ...set, version: sql`${table.version} + 1` })
          .where(eq(table.id, req.params.id))
          .returning({ ...ref, version: table.version });
        if (!row) throw notFound(`No such ${singular}`);
        const { version, ...state } = row;
        await announce(tx, singular, "updated", state, version);
        return state;
      });
    },
  );

  app.delete(`/v1/${plural}/:id`, { schema: { params: idParams } }, async (req, reply) => {
    requireAdmin(req);
    await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ ...ref, version: table.version })
        .from(table)
        .where(eq(table.id, req.params.id))
        .for("update");
      if (!row) throw notFound(`No such ${singular}`);
      const [usage] = await tx
        .select({ n: spec.usage(row.id) })
        .from(table)
        .where(eq(table.id, row.id));
      if (usage && usage.n > 0) {
        const posts = usage.n === 1 ? "1 post (drafts included)" : `${usage.n} posts (drafts included)`;
        throw conflict(`${Singular} is still used by ${posts}; move or delete them first`);
      }
      await tx.delete(table).where(eq(table.id, row.id));
      const { version, ...state } = row;
      await announce(tx, singular, "deleted", state, version + 1);
    });
    return reply.status(204).send();
  });
}

export function registerTaxonomyRoutes(app: App, ctx: ServiceContext): void {
  registerTaxonomy(app, ctx, specs[0]!, "top", 5);
  registerTaxonomy(app, ctx, specs[1]!, "popular", 10);
}
