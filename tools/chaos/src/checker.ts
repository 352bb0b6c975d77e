import pg from "pg";
import { acked, call } from "./api";
import type { Model } from "./driver";
import type { ServiceName } from "./infra";

export type Databases = Record<ServiceName, pg.Pool>;

export function openDatabases(urls: Record<ServiceName, string>): Databases {
  return Object.fromEntries(
    Object.entries(urls).map(([svc, url]) => {
      const pool = new pg.Pool({ connectionString: url, max: 2 });
      pool.on("error", () => {});
      return [svc, pool];
    }),
  ) as Databases;
}

/** What a comparison found, by kind; `examples` keeps a few of each for the report. */
export class Findings {
  lost = 0;
  duplicated = 0;
  diverged = 0;
  readonly examples: string[] = [];

  add(kind: "lost" | "duplicated" | "diverged", what: string): void {
    this[kind]++;
    if (this.examples.length < 40) this.examples.push(`${kind}: ${what}`);
  }

  get clean(): boolean {
    return this.lost + this.duplicated + this.diverged === 0;
  }
}

/** A row as SQL returns it; each query's select list says its shape. */
// biome-ignore lint/suspicious/noExplicitAny: rows are read by the column names the query selects
type Row = any;

async function rows<T = Row>(db: pg.Pool, sql: string, params: unknown[] = []) {
  return (await db.query(sql, params)).rows as T[];
}

const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((r) => [r.id, r]));

interface Truth {
  users: Map<
    string,
    { id: string; name: string; avatar_url: string | null; status: string; version: number }
  >;
  posts: Map<
    string,
    {
      id: string;
      slug: string;
      title: string;
      status: string;
      version: number;
      author_id: string;
      like_count: number;
      comment_count: number;
    }
  >;
  tombstones: Map<string, { id: string; version: number }>;
  /** Per post, from content's rows: likes, and comments every reader sees. */
  engagement: Map<string, { likes: number; comments: number }>;
}

/** Content's counters recomputed from its rows, as content itself counts them (visible comments only). */
const ENGAGEMENT_TRUTH = `
  select p.post_id as id,
    (select count(*)::int from likes l where l.post_id = p.post_id) as likes,
    (select count(*)::int from comments c where c.post_id = p.post_id and c.deleted_at is null
       and c.status = 'APPROVED' and (c.parent_id is null or exists
         (select 1 from comments pa where pa.id = c.parent_id and pa.status = 'APPROVED'))) as comments
  from (select post_id from likes union select post_id from comments union select post_id from engagement) p`;

async function readTruth(db: Databases): Promise<Truth> {
  const users = await rows<Row>(db.auth, "select id, name, avatar_url, status, version from users");
  const posts = await rows<Row>(
    db.blog,
    "select id, slug, title, status, version, author_id, like_count, comment_count from posts",
  );
  const tombstones = await rows<Row>(db.blog, "select id, version from deleted_posts");
  const engagement = await rows<Row>(db.content, ENGAGEMENT_TRUTH);
  return {
    users: byId(users),
    posts: byId(posts),
    tombstones: byId(tombstones),
    engagement: new Map(engagement.map((e: Row) => [e.id, { likes: e.likes, comments: e.comments }])),
  };
}

/** Acknowledged writes the owning service no longer holds, or holds twice. */
async function checkAcknowledged(db: Databases, model: Model, truth: Truth, f: Findings) {
  for (const a of model.accounts) {
    const u = truth.users.get(a.id);
    if (!u) f.add("lost", `user ${a.id} missing from auth`);
    else if (
      a.profile.changes > 0 &&
      !a.profile.dirty &&
      (u.name !== a.profile.name || u.avatar_url !== a.profile.avatarUrl)
    )
      f.add("lost", `profile of ${a.id}: auth has ${u.name}, last acknowledged ${a.profile.name}`);
  }
  for (const p of model.posts.values()) {
    const row = truth.posts.get(p.id);
    if (p.deleted) {
      if (row) f.add("lost", `post ${p.id}: acknowledged delete, still in blog`);
      if (!truth.tombstones.has(p.id)) f.add("lost", `post ${p.id}: acknowledged delete left no tombstone`);
    } else if (!p.deleteDirty) {
      if (!row) f.add("lost", `post ${p.id} missing from blog`);
      else if (!p.editDirty && (row.title !== p.title || row.status !== p.status))
        f.add(
          "lost",
          `post ${p.id}: blog has ${row.title}/${row.status}, acknowledged ${p.title}/${p.status}`,
        );
    }
  }
  const comments = byId(await rows<Row>(db.content, "select id, post_id, content, deleted_at from comments"));
  for (const c of model.comments.values()) {
    // A deleted post takes its comments with it; the cascade check covers those.
    if (!truth.posts.has(c.postId)) continue;
    const row = comments.get(c.id);
    if (!row) {
      if (!c.deleted) f.add("lost", `comment ${c.id} missing from content`);
      continue;
    }
    if (c.deleted && row.deleted_at === null)
      f.add("lost", `comment ${c.id}: acknowledged delete not applied`);
    if (!c.deleted && !c.deleteDirty && row.deleted_at !== null)
      f.add("diverged", `comment ${c.id} deleted, never asked`);
    if (!c.deleted && !c.deleteDirty && !c.editDirty && row.content !== c.content)
      f.add("lost", `comment ${c.id}: content is not the acknowledged edit`);
  }
  for (const [table, models] of [
    ["likes", model.likes],
    ["bookmarks", model.bookmarks],
  ] as const) {
    const present = new Set(
      (
        await rows<{ k: string }>(
          db.content,
          table === "likes"
            ? "select post_id || '|' || substr(liker_key, 3) as k from likes where liker_key like 'u:%'"
            : "select post_id || '|' || user_id as k from bookmarks",
        )
      ).map((r) => r.k),
    );
    for (const [key, t] of models) {
      if (t.dirty || !truth.posts.has(t.postId)) continue;
      if (t.on && !present.has(key)) f.add("lost", `${table} ${key}: acknowledged on, row missing`);
      if (!t.on && present.has(key)) f.add("diverged", `${table} ${key}: acknowledged off, row present`);
    }
  }
  // Every comment and post title carries a fresh marker: two rows with one marker are one write applied twice.
  for (const r of await rows<Row>(
    db.content,
    "select content, count(*)::int as n from comments group by content having count(*) > 1",
  ))
    f.add("duplicated", `comment "${r.content}" stored ${r.n} times`);
  for (const r of await rows<Row>(
    db.blog,
    "select title, count(*)::int as n from posts group by title having count(*) > 1",
  ))
    f.add("duplicated", `post "${r.title}" stored ${r.n} times`);
}

/** A replica counter against content's rows: above them is a change applied twice; below is divergence. */
function compareCounter(f: Findings, where: string, got: number, want: number) {
  if (got > want) f.add("duplicated", `${where}: ${got}, rows say ${want}`);
  else if (got < want) f.add("diverged", `${where}: ${got}, rows say ${want}`);
}

async function checkAuthorReplicas(db: Databases, truth: Truth, f: Findings) {
  const replicas: Array<[string, pg.Pool, string, string[]]> = [
    [
      "blog.authors",
      db.blog,
      "select id, name, avatar_url, version from authors",
      ["name", "avatar_url", "version"],
    ],
    [
      "content.authors",
      db.content,
      "select id, name, avatar_url, status, version from authors",
      ["name", "avatar_url", "status", "version"],
    ],
  ];
  for (const [label, pool, sql, fields] of replicas) {
    const replica = byId(await rows<Row>(pool, sql));
    for (const u of truth.users.values()) {
      const r = replica.get(u.id);
      if (!r) f.add("diverged", `${label}: ${u.id} missing`);
      else
        for (const k of fields)
          if (r[k] !== (u as Row)[k]) f.add("diverged", `${label}: ${u.id}.${k} ${r[k]} != ${(u as Row)[k]}`);
    }
    for (const id of replica.keys())
      if (!truth.users.has(id)) f.add("diverged", `${label}: ${id} unknown to auth`);
  }
  const analyticsUsers = byId(await rows<Row>(db.analytics, "select id, deleted, registered_at from users"));
  for (const u of truth.users.values()) {
    const r = analyticsUsers.get(u.id);
    if (!r || r.deleted || r.registered_at === null) f.add("diverged", `analytics.users: ${u.id} missing`);
  }
  const avatars = byId(
    await rows<Row>(
      db.storage,
      "select source_id as id, version from image_ref_sources where source_kind = 'avatar'",
    ),
  );
  for (const u of truth.users.values()) {
    const r = avatars.get(u.id);
    if (r?.version !== u.version)
      f.add("diverged", `storage avatar source ${u.id}: v${r?.version} != v${u.version}`);
  }
}

async function checkPostReplicas(db: Databases, truth: Truth, f: Findings) {
  const content = byId(
    await rows<Row>(db.content, "select id, slug, title, status, deleted, version from posts"),
  );
  const analytics = byId(await rows<Row>(db.analytics, "select id, status, deleted, version from posts"));
  const storage = byId(
    await rows<Row>(
      db.storage,
      "select source_id as id, deleted, version from image_ref_sources where source_kind = 'post'",
    ),
  );
  for (const p of truth.posts.values()) {
    const c = content.get(p.id);
    if (
      !c ||
      c.deleted ||
      c.version !== p.version ||
      c.slug !== p.slug ||
      c.title !== p.title ||
      c.status !== p.status
    )
      f.add(
        "diverged",
        `content.posts ${p.id}: ${JSON.stringify(c)} vs blog v${p.version} ${p.title}/${p.status}`,
      );
    const a = analytics.get(p.id);
    if (!a || a.deleted || a.version !== p.version || a.status !== p.status)
      f.add("diverged", `analytics.posts ${p.id}: ${JSON.stringify(a)} vs blog v${p.version} ${p.status}`);
    const s = storage.get(p.id);
    if (!s || s.deleted || s.version !== p.version)
      f.add("diverged", `storage post source ${p.id}: ${JSON.stringify(s)} vs blog v${p.version}`);
  }
  for (const t of truth.tombstones.values()) {
    for (const [label, replica] of [
      ["content.posts", content],
      ["analytics.posts", analytics],
      ["storage post source", storage],
    ] as const) {
      const r = replica.get(t.id);
      if (!r?.deleted || r.version !== t.version)
        f.add("diverged", `${label} ${t.id}: ${JSON.stringify(r)} vs tombstone v${t.version}`);
    }
  }
  for (const id of content.keys())
    if (!truth.posts.has(id) && !truth.tombstones.has(id))
      f.add("diverged", `content.posts ${id} unknown to blog`);
}

async function checkCounters(db: Databases, truth: Truth, f: Findings) {
  const counters = byId(
    await rows<Row>(db.content, "select post_id as id, like_count, comment_count from engagement"),
  );
  const analytics = byId(
    await rows<Row>(db.analytics, "select post_id as id, like_count, comment_count from post_engagement"),
  );
  for (const [id, want] of truth.engagement) {
    if (!truth.posts.has(id)) continue;
    const c = counters.get(id);
    compareCounter(f, `content.engagement ${id} likes`, c?.like_count ?? 0, want.likes);
    compareCounter(f, `content.engagement ${id} comments`, c?.comment_count ?? 0, want.comments);
  }
  for (const p of truth.posts.values()) {
    const want = truth.engagement.get(p.id) ?? { likes: 0, comments: 0 };
    compareCounter(f, `blog.posts ${p.id} like_count`, p.like_count, want.likes);
    compareCounter(f, `blog.posts ${p.id} comment_count`, p.comment_count, want.comments);
    const a = analytics.get(p.id);
    compareCounter(f, `analytics.post_engagement ${p.id} likes`, a?.like_count ?? 0, want.likes);
    compareCounter(f, `analytics.post_engagement ${p.id} comments`, a?.comment_count ?? 0, want.comments);
  }
}

/** Nothing of a deleted post (or of a post blog never had) may remain in content. */
async function checkCascades(db: Databases, truth: Truth, f: Findings) {
  for (const table of ["comments", "likes", "bookmarks", "engagement"]) {
    for (const r of await rows<Row>(
      db.content,
      `select post_id, count(*)::int as n from ${table} group by post_id`,
    )) {
      if (truth.posts.has(r.post_id)) continue;
      const why = truth.tombstones.has(r.post_id) ? "deleted post" : "post unknown to blog";
      f.add("diverged", `content.${table}: ${r.n} rows of ${why} ${r.post_id}`);
    }
  }
}

async function checkDashboard(analyticsUrl: string, adminToken: string, truth: Truth, f: Findings) {
  const r = await call(`${analyticsUrl}/v1/admin/dashboard`, { token: adminToken });
  if (!acked(r)) return f.add("diverged", `dashboard answered ${r.status}`);
  const totals = r.body.totals;
  const byStatus = { public: 0, private: 0, draft: 0 } as Record<string, number>;
  let likes = 0;
  let comments = 0;
  for (const p of truth.posts.values()) {
    byStatus[p.status.toLowerCase()]!++;
    likes += truth.engagement.get(p.id)?.likes ?? 0;
    comments += truth.engagement.get(p.id)?.comments ?? 0;
  }
  const expect: Array<[string, number, number]> = [
    ["posts.public", totals.posts.public, byStatus.public!],
    ["posts.private", totals.posts.private, byStatus.private!],
    ["posts.draft", totals.posts.draft, byStatus.draft!],
    ["likes", totals.likes, likes],
    ["comments", totals.comments, comments],
    ["users", totals.users, [...truth.users.values()].length],
  ];
  for (const [name, got, want] of expect) compareCounter(f, `dashboard ${name}`, got, want);
}

const POST_QUERY = `query ChaosPost($slug: String!) {
  post(slug: $slug) { id title likeCount commentCount author { id name } }
}`;

/** The BFF's answers for a sample of public posts: title, author name and counters from their owners. */
async function checkBff(bffUrl: string, truth: Truth, f: Findings, sample: number) {
  const publicPosts = [...truth.posts.values()].filter((p) => p.status === "PUBLIC");
  const step = Math.max(1, Math.floor(publicPosts.length / sample));
  for (let i = 0; i < publicPosts.length; i += step) {
    const p = publicPosts[i]!;
    const r = await call(`${bffUrl}/graphql`, {
      method: "POST",
      body: { query: POST_QUERY, variables: { slug: p.slug } },
    });
    const got = r.body?.data?.post;
    if (!acked(r) || !got) {
      f.add("diverged", `bff post(${p.slug}): ${r.status} ${JSON.stringify(r.body?.errors ?? r.body)}`);
      continue;
    }
    const want = truth.engagement.get(p.id) ?? { likes: 0, comments: 0 };
    const author = truth.users.get(p.author_id);
    if (got.title !== p.title) f.add("diverged", `bff post(${p.slug}).title ${got.title} != ${p.title}`);
    if (got.author?.name !== author?.name)
      f.add("diverged", `bff post(${p.slug}).author.name ${got.author?.name} != ${author?.name}`);
    compareCounter(f, `bff post(${p.slug}).likeCount`, got.likeCount, want.likes);
    compareCounter(f, `bff post(${p.slug}).commentCount`, got.commentCount, want.comments);
  }
}

export interface CheckTargets {
  analyticsUrl: string;
  bffUrl: string;
  adminToken: string;
  bffSample: number;
}

/** Compares every read model with its source of truth, and the acknowledged writes with their owners. */
export async function checkAll(db: Databases, model: Model, targets: CheckTargets): Promise<Findings> {
  const f = new Findings();
  const truth = await readTruth(db);
  await checkAcknowledged(db, model, truth, f);
  await checkAuthorReplicas(db, truth, f);
  await checkPostReplicas(db, truth, f);
  await checkCounters(db, truth, f);
  await checkCascades(db, truth, f);
  await checkDashboard(targets.analyticsUrl, targets.adminToken, truth, f);
  await checkBff(targets.bffUrl, truth, f, targets.bffSample);
  return f;
}

/** Unpublished outbox rows in every service. */
export async function outboxBacklog(db: Databases): Promise<number> {
  let n = 0;
  for (const pool of Object.values(db)) {
    const [r] = await rows<{ n: number }>(pool, "select count(*)::int as n from outbox_pending");
    n += r?.n ?? 0;
  }
  return n;
}

/** Events consumed so far, over every service: stable between two looks means nothing is being handled. */
export async function inboxTotal(db: Databases): Promise<number> {
  let n = 0;
  for (const pool of Object.values(db)) {
    const [r] = await rows<{ n: number }>(pool, "select count(*)::int as n from inbox");
    n += r?.n ?? 0;
  }
  return n;
}

export interface DeadLetterRow {
  service: string;
  queue: string;
  event_id: string;
  type: string;
  error: string;
}

export async function deadLetters(db: Databases): Promise<DeadLetterRow[]> {
  const all: DeadLetterRow[] = [];
  for (const [service, pool] of Object.entries(db)) {
    for (const r of await rows<Row>(pool, "select queue, event_id, type, error from dead_letters"))
      all.push({ service, ...r });
  }
  return all;
}

/**
 * Proves the checker can fail: after a clean run, plants one lost write, one counter applied twice and one
 * diverged replica row, and expects each kind to be reported. The databases are this run's own.
 */
export async function checkerSelfTest(
  db: Databases,
  model: Model,
  targets: CheckTargets,
): Promise<string | null> {
  const truth = await readTruth(db);
  const comment = [...model.comments.values()].find(
    (c) => !c.deleted && !c.deleteDirty && !c.editDirty && truth.posts.has(c.postId),
  );
  // A run whose every clean comment went with its post (deletes are among the writes) still has a post whose
  // acknowledged title can be lost instead.
  const edited = comment
    ? undefined
    : [...model.posts.values()].find(
        (p) => !p.deleted && !p.deleteDirty && !p.editDirty && truth.posts.has(p.id),
      );
  const post = [...truth.posts.values()][0];
  const user = [...truth.users.values()][0];
  if ((!comment && !edited) || !post || !user) return "nothing to tamper with";
  if (comment) await db.content.query("update comments set content = 'tampered' where id = $1", [comment.id]);
  else await db.blog.query("update posts set title = 'tampered' where id = $1", [edited!.id]);
  await db.blog.query("update posts set like_count = like_count + 1 where id = $1", [post.id]);
  await db.content.query("update authors set name = 'tampered' where id = $1", [user.id]);
  const f = await checkAll(db, model, targets);
  const missed = [
    f.lost === 0 ? (comment ? "a lost comment edit" : "a lost post edit") : "",
    f.duplicated === 0 ? "a counter applied twice" : "",
    f.diverged === 0 ? "a diverged author replica" : "",
  ].filter(Boolean);
  return missed.length ? `the checker missed ${missed.join(", ")}` : null;
}

/** Deliveries the consumers found already applied (the injected duplicates among them), from /metrics. */
export async function duplicateDeliveries(serviceUrls: string[]): Promise<number> {
  let n = 0;
  for (const url of serviceUrls) {
    const r = await call(`${url}/metrics`);
    if (typeof r.body !== "string") continue;
    for (const line of r.body.split("\n")) {
      if (line.startsWith("events_consumed_total{") && line.includes('outcome="duplicate"'))
        n += Number(line.split(" ").pop());
    }
  }
  return n;
}
