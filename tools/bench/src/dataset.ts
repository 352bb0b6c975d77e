import { cpSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Database, openPglite, openPostgres } from "@quire/service-kit";

export const SERVICES = ["auth", "blog", "content", "page", "analytics", "storage"] as const;

/**
 * Where a stack's data lives: its PGlite data dir, or in the distributed mode the databases named by
 * `DATABASE_URL_<SERVICE>` in `env` (else in the bench's environment). `env` goes to the stack as well.
 */
export interface Dataset {
  dataDir: string;
  env: Record<string, string>;
}

function databaseUrl(service: string, dataset: Dataset): string {
  const key = `DATABASE_URL_${service.toUpperCase()}`;
  const url = dataset.env[key] ?? process.env[key];
  if (!url) throw new Error(`${key} is not set`);
  return url;
}

/** Opens one service's database while the stack is stopped. */
export async function openServiceDb(
  service: string,
  dataset: Dataset,
  distributed: boolean,
): Promise<Database> {
  if (!distributed) return openPglite({ dataDir: join(dataset.dataDir, service) });
  return openPostgres(databaseUrl(service, dataset), 2);
}

/**
 * A copy of a dataset (its stack stopped) for a second stack beside the first: the data dirs copied, or each
 * database created from the source's as its template, with a RabbitMQ namespace of its own.
 */
export async function copyDataset(source: Dataset, distributed: boolean, name: string): Promise<Dataset> {
  const dataDir = `${source.dataDir}-${name}`;
  rmSync(dataDir, { recursive: true, force: true });
  if (!distributed) {
    cpSync(source.dataDir, dataDir, { recursive: true });
    return { dataDir, env: {} };
  }
  const env: Record<string, string> = { QUIRE_AMQP_NAMESPACE: `${name}.` };
  for (const service of SERVICES) {
    const from = new URL(databaseUrl(service, source));
    const to = new URL(from);
    const database = `${from.pathname.slice(1)}_${name}`;
    to.pathname = `/${database}`;
    const server = new URL(from);
    server.pathname = "/postgres";
    const admin = await openPostgres(server.toString(), 1);
    try {
      await admin.query(`drop database if exists "${database}" with (force)`);
      await admin.query(`create database "${database}" template "${from.pathname.slice(1)}"`);
    } finally {
      await admin.close();
    }
    env[`DATABASE_URL_${service.toUpperCase()}`] = to.toString();
  }
  return { dataDir, env };
}

/**
 * Grows the blog to `total` posts with plain SQL (the stack stopped): PUBLIC posts by the demo authors, in the
 * demo categories, one demo tag each, published every 37 s going back from now so they mix with the demo
 * posts. Only blog's tables: the other services' post replicas do not take part in the measured reads.
 */
export async function growPosts(db: Database, total: number): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>("select count(*)::int as n from posts")) as [{ n: number }];
  const missing = total - n;
  if (missing <= 0) return n;
  const chunk = 5_000;
  for (let from = n; from < total; from += chunk) {
    const to = Math.min(from + chunk, total);
    await db.exec(`
      with authors as (select array_agg(distinct author_id) as ids from posts where author_id is not null),
           cats as (select array_agg(id order by id) as ids from categories),
           s as (select i from generate_series(${from + 1}, ${to}) as i)
      insert into posts (id, slug, title, excerpt, content_html, status, author_id, category_id, reading_minutes,
                         published_at, first_published_at, created_at, updated_at, search_text, excerpt_custom)
      select gen_random_uuid()::text, 'bench-post-' || s.i, 'Bench post number ' || s.i,
             'A generated post for the benchmark, number ' || s.i || '.',
             '<p>A generated post for the benchmark, number ' || s.i || '.</p>' || repeat('<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>', 12),
             'PUBLIC', authors.ids[1 + s.i % array_length(authors.ids, 1)],
             cats.ids[1 + s.i % array_length(cats.ids, 1)], 2,
             now() - s.i * interval '37 seconds', now() - s.i * interval '37 seconds',
             now() - s.i * interval '37 seconds', now() - s.i * interval '37 seconds',
             'bench post number ' || s.i || ' lorem ipsum dolor sit amet', false
      from s, authors, cats;
      insert into post_tags (post_id, tag_id)
      select p.id, t.ids[1 + (hashtext(p.id) & 1023) % array_length(t.ids, 1)]
      from posts p, (select array_agg(id order by id) as ids from tags) t
      where p.slug like 'bench-post-%' and not exists (select 1 from post_tags pt where pt.post_id = p.id);
    `);
  }
  await db.exec("analyze posts; analyze post_tags;");
  return total;
}

/** The cursor after ~90% of the PUBLIC posts, newest first (blog's keyset: published_at, then id). */
export async function deepCursor(db: Database): Promise<string> {
  const [{ n }] = (await db.query<{ n: number }>(
    "select count(*)::int as n from posts where status = 'PUBLIC'",
  )) as [{ n: number }];
  const [row] = await db.query<{ at: string; id: string }>(
    `select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, id
     from posts where status = 'PUBLIC' order by published_at desc, id desc offset $1 limit 1`,
    [Math.floor(n * 0.9)],
  );
  if (!row) throw new Error("no posts to page through");
  return Buffer.from(JSON.stringify([row.at, row.id])).toString("base64url");
}

/**
 * Queues `count` copies of blog's newest outbox event, held back until `releaseAt`: the relay's fallback poll
 * picks them up then, with the stack already started and idle. Copies keep the aggregate version, so every
 * consumer receives them and skips them as not newer (the relay is what is measured, not the consumers).
 */
export async function queueOutboxEvents(db: Database, count: number, releaseAt: Date): Promise<void> {
  const [template] = await db.query<{ seq: number }>("select seq from outbox order by seq desc limit 1");
  if (!template) throw new Error("blog's outbox has no event to copy");
  await db.query(
    `with queued as (
       insert into outbox (id, type, version, aggregate_id, aggregate_version, occurred_at, traceparent, payload)
       select gen_random_uuid()::text, o.type, o.version, o.aggregate_id, o.aggregate_version, now(), null,
              o.payload
       from outbox o, generate_series(1, $3::int) where o.seq = $1
       returning seq)
     insert into outbox_pending (seq, next_attempt_at) select seq, $2::timestamptz from queued`,
    [template.seq, releaseAt.toISOString(), count],
  );
}
