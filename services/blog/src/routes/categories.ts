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
import { and, asc, desc, eq, ne, type SQL, sql } from "drizzle-orm";
import type { SubqueryWithSelection } from "drizzle-orm/pg-core";
import { z } from "zod";
import { announce } from "../events/announce-taxonomy";
import { taxonomySlug } from "../posts/text";
import { categories, posts, postTags, tags } from "../schema";

/** Categories and tags have the same columns, so one set of routes serves both. */
type Taxonomy = typeof categories;

interface TaxonomySpec {
  table: Taxonomy;
  /** Route segment and label: "categories"/"category", "tags"/"tag". */
  plural: string;
  singular: "category" | "tag";
  publicCount: SQL<number>;
  /** Posts of any status that use the entry, which keep it from being deleted. */
  usage: (id: string) => SQL<number>;
}

const specs: TaxonomySpec[] = [
  {
    table: categories,
    plural: "categories",
    singular: "category",
    publicCount: sql<number>`(select count(*)::int from posts p where p.category_id = categories.id and p.status = 'PUBLIC')`,
    usage: (id) => sql<number>`(select count(*)::int from posts p where p.category_id = ${id})`,
  },
  {
    table: tags as unknown as Taxonomy,
    plural: "tags",
    singular: "tag",
    publicCount: sql<number>`(select count(*)::int from post_tags pt join posts p on p.id = pt.post_id where pt.tag_id = tags.id and p.status = 'PUBLIC')`,
    usage: (id) => sql<number>`(select count(*)::int from post_tags pt where pt.tag_id = ${id})`,
  },
];

const idParams = z.object({ id: z.string().min(1).max(100) });
const slugParams = z.object({ slug: z.string().min(1).max(200) });

function slugFor(spec: TaxonomySpec, wanted: string): string {
  return taxonomySlug(spec.singular, wanted, () => randomUUID().slice(0, 8));
}

/**
 * Entries with PUBLIC posts, the most used first. The counts come from one grouped pass over the posts, not
 * a count per entry evaluated again for the filter and the sort (which grew with entries x posts).
 */
function mostUsed(db: DbOrTx, table: Taxonomy, c: PublicCounts, limit: number) {
  return db
    .select({ id: table.id, slug: table.slug, name: table.name, postCount: c.n })
    .from(table)
    .innerJoin(c, eq(c.entryId, table.id))
    .orderBy(desc(c.n), asc(table.name))
    .limit(limit);
}

const countColumn = sql<number>`count(*)::int`.as("n");

type PublicCounts = SubqueryWithSelection<{ entryId: SQL.Aliased<string>; n: SQL.Aliased<number> }, "counts">;

const publicCountsOfCategories = (db: DbOrTx) =>
  db
    .select({ entryId: sql<string>`${posts.categoryId}`.as("entry_id"), n: countColumn })
    .from(posts)
    .where(eq(posts.status, "PUBLIC"))
    .groupBy(posts.categoryId)
    .as("counts");

const publicCountsOfTags = (db: DbOrTx) =>
  db
    .select({ entryId: sql<string>`${postTags.tagId}`.as("entry_id"), n: countColumn })
    .from(postTags)
    .innerJoin(posts, and(eq(posts.id, postTags.postId), eq(posts.status, "PUBLIC")))
    .groupBy(postTags.tagId)
    .as("counts");

export const topCategories = (db: DbOrTx, limit: number) =>
  mostUsed(db, categories, publicCountsOfCategories(db), limit);
export const popularTags = (db: DbOrTx, limit: number) =>
  mostUsed(db, tags as unknown as Taxonomy, publicCountsOfTags(db), limit);

function registerTaxonomy(
  app: App,
  ctx: ServiceContext,
  spec: TaxonomySpec,
  topRoute: string,
  topLimit: number,
) {
  const { table, plural, singular } = spec;
  const Singular = singular[0]!.toUpperCase() + singular.slice(1);
  const withCount = { id: table.id, slug: table.slug, name: table.name, postCount: spec.publicCount };
  const ref = { id: table.id, slug: table.slug, name: table.name };

  app.get(`/v1/${plural}`, { schema: { response: { 200: z.array(categoryWithCount) } } }, async () =>
    ctx.db.select(withCount).from(table).orderBy(asc(table.name)),
  );

  app.get(
    `/v1/${plural}/${topRoute}`,
    { schema: { querystring: limitQuery(topLimit), response: { 200: z.array(categoryWithCount) } } },
    async (req) => (spec.singular === "category" ? topCategories : popularTags)(ctx.db, req.query.limit),
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
