import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { upstreamCallsDuring } from "@quire/bff/upstream-metrics";
import { openPostgres } from "@quire/service-kit";
import { firstVisits } from "./browser";
import {
  copyDataset,
  type Dataset,
  deepCursor,
  growPosts,
  openServiceDb,
  queueOutboxEvents,
  SERVICES,
} from "./dataset";
import { type Figure, figure, unavailable } from "./figures";
import { graphql, HOME_PAGE, LOGIN, POST_AUTHOR, POST_PAGE, POSTS_PAGE, UPDATE_PROFILE } from "./graphql";
import { graphqlLoad, sequentialLatencies } from "./load";
import { REPO_ROOT, type RunningStack, type StackOptions, startStack, stopAllStacks, treeRss } from "./stack";
import { median, percentile, spread } from "./stats";
import { fmt, renderCompare, renderTable } from "./table";
import { selectAll } from "./upstream";

/**
 * `npm run bench [-- --quick] [--runs 3] [--distributed] [--compare <file>] [--port-offset 40000]`: starts the
 * stack on its own ports and data, measures every performance figure against its target, prints one table
 * and writes bench/results/latest.json.
 */
const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag("--quick");
const distributed = flag("--distributed");
const runs = Number(option("--runs") ?? (quick ? 1 : 3));
const loadSeconds = quick ? 3 : 10;
const connections = 32;
const propagationSamples = quick ? 40 : 200;
const browserSamples = quick ? 2 : 5;
const growthSamples = quick ? 40 : 200;
const smallPosts = 1_000;
const largePosts = Number(option("--large-posts") ?? (quick ? 10_000 : 50_000));
const outboxEvents = quick ? 5_000 : 20_000;
const portOffset = Number(option("--port-offset") ?? 40_000);
// Paths are the repository's, as the README writes them: `npm run bench` runs this from tools/bench.
const compareOption = option("--compare");
const comparePath = compareOption === undefined ? undefined : resolve(REPO_ROOT, compareOption);
const dataDir = resolve(REPO_ROOT, option("--data-dir") ?? ".data-bench");
const ADMIN_EMAIL = "admin@quire.local";
const ADMIN_PASSWORD = "Bench-Admin-Pass1";
const MiB = 1024 * 1024;

const log = (message: string) =>
  console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function main(): Promise<void> {
  if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs must be a whole number of at least 1");
  // Before the half hour of runs, not after them.
  if (comparePath && !existsSync(comparePath)) throw new Error(`--compare: no file ${comparePath}`);
  const loadAtStart = loadavg();
  const startedAt = new Date();
  const dataset: Dataset = { dataDir, env: distributed ? await freshDistributedDatabases() : {} };
  rmSync(dataDir, { recursive: true, force: true });
  const stackOptions = (env: Record<string, string> = {}, on: Dataset = dataset) => ({
    // The growth's second stack, on a copy of the dataset, runs beside the first: its ports 2,000 above.
    portOffset: on === dataset ? portOffset : portOffset + 2_000,
    dataDir: on.dataDir,
    adminPassword: ADMIN_PASSWORD,
    distributed,
    env: { ...dataset.env, ...on.env, ...env },
  });
  const figures: Figure[] = [];
  const rss: Record<string, number> = {};

  // First start: migrations and the demo seed, then the benchmark's posts by SQL with the stack stopped.
  log("first start (migrations, demo seed)");
  let stack = await startStack(stackOptions());
  const firstStartSeconds = stack.startSeconds;
  await settle();
  rss.firstStartIdle = treeRss(stack.pid);
  await stack.stop();
  const smallCursor = await withBlogDb(dataset, async (db) => {
    await growPosts(db, smallPosts);
    return deepCursor(db);
  });

  // Cache on (the default): warm home page, event propagation, first visits, memory.
  log(`restart with ${smallPosts} posts, response cache on`);
  stack = await startStack(stackOptions());
  const restartSeconds = stack.startSeconds;
  await idle();
  rss.idle = treeRss(stack.pid);
  await quiesce(stack);
  const postSlug = await adminPostSlug(stack);
  await graphql(stack.graphqlUrl, HOME_PAGE);
  const warm = await repeat("homePage, cache warm", stack, () =>
    graphqlLoad(stack.graphqlUrl, HOME_PAGE, {}, { connections, seconds: loadSeconds }),
  );
  figures.push(...loadFigures("homeWarm", "homePage, cache warm", warm, 4_000, 30));
  const propagation = await safely(() =>
    repeat("event propagation", stack, () => propagationSamplesOf(stack, postSlug)),
  );
  figures.push(
    propagation instanceof Error
      ? unavailable(
          "propagation",
          "updateProfile -> post(slug) author, p99",
          { op: "<=", value: distributed ? 300 : 100 },
          `failed: ${propagation.message.slice(0, 200)}`,
        )
      : figure(
          "propagation",
          "updateProfile -> post(slug) author, p99",
          "ms",
          propagation.map((s) => percentile(s, 99)),
          { op: "<=", value: distributed ? 300 : 100 },
          `${propagationSamples} samples a run, ${staleCount(propagation)} still stale after ${PROPAGATION_GIVE_UP_MS / 1000} s; from the mutation's answer until an anonymous post(slug) shows the new name (cache on)`,
        ),
  );
  log("first visits in Chromium");
  const visitHome = await safely(() => firstVisits(`${stack.siteUrl}/`, "main article h2", browserSamples));
  const visitPost = await safely(() =>
    firstVisits(`${stack.siteUrl}/posts/${postSlug}`, "main article h1", browserSamples),
  );
  figures.push(...visitFigures("/", visitHome), ...visitFigures("/posts/:slug", visitPost));
  rss.afterCacheOnLoads = treeRss(stack.pid);
  await stack.stop();

  // Cache off: the uncached home page, the post with authors from blog's replica, upstream calls.
  log("restart with the response cache off");
  stack = await startStack(stackOptions({ BFF_RESPONSE_CACHE: "off" }));
  await settle();
  const token = await adminToken(stack);
  await quiesce(stack);
  const upstream = await safely(() => upstreamFigures(stack, postSlug, token));
  if (upstream instanceof Error) {
    figures.push(
      unavailable(
        "upstreamHome",
        "upstream calls per operation",
        { op: "<=", value: 1 },
        `failed: ${upstream.message.slice(0, 200)}`,
      ),
    );
  } else figures.push(...upstream);
  const cold = await repeat("homePage, cache off", stack, () =>
    graphqlLoad(stack.graphqlUrl, HOME_PAGE, {}, { connections, seconds: loadSeconds }),
  );
  figures.push(...loadFigures("homeCold", "homePage, cache off", cold, 500, 100));
  const replica = await repeat("post(slug), author from the replica", stack, () =>
    graphqlLoad(stack.graphqlUrl, POST_PAGE, { slug: postSlug }, { connections, seconds: loadSeconds }),
  );
  figures.push(
    figure(
      "postReplicaRps",
      "post(slug), author from blog's replica",
      "req/s",
      replica.map((r) => r.requestsPerSecond),
      undefined,
      failuresNote(replica),
    ),
  );
  rss.afterCacheOffLoads = treeRss(stack.pid);
  await stack.stop();

  // Authors composed from auth per request, when the BFF offers that switch.
  const composition = await compositionRuns(stackOptions, postSlug);
  if (composition) {
    figures.push(
      figure(
        "postReplicaVsComposition",
        "post(slug): replica / composition throughput",
        "x",
        replica.map((r, i) => r.requestsPerSecond / (composition[i]?.requestsPerSecond ?? Number.NaN)),
        { op: ">=", value: 2 },
        `composition ${fmt(median(composition.map((r) => r.requestsPerSecond)))} req/s (BFF_AUTHOR_SOURCE=auth, cache off); run i of each paired`,
      ),
    );
  } else {
    figures.push(
      unavailable(
        "postReplicaVsComposition",
        "post(slug): replica / composition throughput",
        { op: ">=", value: 2 },
        "not available: the BFF has no BFF_AUTHOR_SOURCE=auth switch (authors come only from blog's replica)",
      ),
    );
  }

  // Outbox drain: events queued in blog's outbox with the stack stopped, held back until it is up and idle.
  const drain = await safely(() => outboxDrain(stackOptions, dataset, restartSeconds));
  figures.push(
    drain instanceof Error
      ? unavailable(
          "outboxDrain",
          `outbox relay drain, ${outboxEvents} queued events`,
          { op: ">=", value: 3_000 },
          `failed: ${drain.message.slice(0, 200)}`,
        )
      : drain,
  );

  // Growth: the same reads on a copy of the dataset grown to the large size, its stack beside the small one's
  // and sampled in turns: measured minutes apart, the ratio moved with the machine's neighbours (1.0-3.1).
  log(`copying the dataset, growing the copy to ${largePosts} posts`);
  const large = await copyDataset(dataset, distributed, "large");
  const largeCursor = await withBlogDb(large, async (db) => {
    await growPosts(db, largePosts);
    return deepCursor(db);
  });
  const growth = await safely(() =>
    growthRuns(
      [
        { options: stackOptions({ BFF_RESPONSE_CACHE: "off" }), cursor: smallCursor },
        { options: stackOptions({ BFF_RESPONSE_CACHE: "off" }, large), cursor: largeCursor },
      ],
      postSlug,
    ),
  );
  if (!(growth instanceof Error)) rss.afterGrowth = growth.largeStackRss;
  figures.push(...growthFigures(growth instanceof Error ? growth : growth.runs));

  figures.push(
    figure(
      "rssIdle",
      "stack RSS, idle after a restart",
      "MiB",
      [rss.idle / MiB],
      { op: "<=", value: 1024 },
      `30 s after the start; first start (migrations + seed), at 8 s: ${fmt(rss.firstStartIdle / MiB)} MiB`,
    ),
    figure(
      "rssLoaded",
      "stack RSS, after the load runs (max)",
      "MiB",
      [
        Math.max(...[rss.afterCacheOnLoads, rss.afterCacheOffLoads, rss.afterGrowth].map((n) => n ?? 0)) /
          MiB,
      ],
      { op: "<=", value: 1024 },
      `cache on ${fmt(rss.afterCacheOnLoads / MiB)}, cache off ${fmt(rss.afterCacheOffLoads / MiB)}, ${largePosts} posts ${fmt((rss.afterGrowth ?? Number.NaN) / MiB)} MiB`,
    ),
  );

  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "",
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    freeGiBAtEnd: Math.round((freemem() / 1024 ** 3) * 10) / 10,
    loadAverageAtStart: loadAtStart.map((l) => Math.round(l * 100) / 100),
    loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
  };
  const result = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    mode: distributed ? "distributed" : "embedded",
    quick,
    runs,
    settings: {
      loadSeconds,
      connections,
      propagationSamples,
      browserSamples,
      growthSamples,
      smallPosts,
      largePosts,
      outboxEvents,
    },
    startSeconds: { first: firstStartSeconds, restart: restartSeconds },
    machine,
    figures: figures.map((f) => ({
      ...f,
      median: f.available ? median(f.runs) : null,
      spread: spread(f.runs),
      pass: passes(f),
    })),
  };
  const outDir = join(REPO_ROOT, "bench/results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(renderTable(result));
  if (comparePath) {
    const previous = JSON.parse(readFileSync(comparePath, "utf8"));
    console.log(renderCompare(previous, result));
  }
  console.log("Results: bench/results/latest.json");
}

interface PostsPage {
  edges: Array<{ node: { slug: string; author: { id: string } | null } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type Load = Awaited<ReturnType<typeof graphqlLoad>>;
/** One run of growth samples: latencies of each query, the small dataset's stack first, then the large one's. */
interface GrowthRun {
  home: number[][];
  deep: number[][];
  failures: number;
}

export function passes(f: Figure): boolean | null {
  if (!f.available || !f.target) return null;
  const m = median(f.runs);
  return f.target.op === ">=" ? m >= f.target.value : m <= f.target.value;
}

async function repeat<T>(what: string, stack: RunningStack, run: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < runs; i++) {
    await quiesce(stack);
    log(`${what}: run ${i + 1}/${runs}`);
    out.push(await run());
  }
  return out;
}

/**
 * Waits until the stack answers the home page quickly three times in a row: requests a load left queued (and
 * their upstream timeouts) must not spill into the next measurement. Gives up quietly after two minutes.
 */
async function quiesce(stack: RunningStack): Promise<void> {
  const deadline = performance.now() + 120_000;
  let good = 0;
  while (good < 3 && performance.now() < deadline) {
    const started = performance.now();
    const ok = await graphql(stack.graphqlUrl, HOME_PAGE).then(
      () => true,
      () => false,
    );
    good = ok && performance.now() - started < 1_000 ? good + 1 : 0;
    if (!good) await new Promise((r) => setTimeout(r, 1_000));
  }
}

/** Lets start-up work (replica catch-up, JIT, the first relay polls) finish before measuring. */
const settle = () => new Promise((r) => setTimeout(r, quick ? 3_000 : 8_000));
/**
 * Idle for the memory figure: 30 s after the start. At 8 s the workers still hold the garbage of starting
 * (migration checks, first relay polls, replica catch-up), which V8 gives back a few seconds later.
 */
const idle = () => new Promise((r) => setTimeout(r, quick ? 3_000 : 30_000));

async function safely<T>(run: () => Promise<T>): Promise<T | Error> {
  try {
    return await run();
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof Error ? error : new Error(String(error));
  }
}

function staleCount(runsOfSamples: number[][]): number {
  return runsOfSamples.flat().filter((ms) => ms >= PROPAGATION_GIVE_UP_MS).length;
}

function failuresNote(loads: Load[]): string | undefined {
  const failures = loads.reduce((a, l) => a + l.failures, 0);
  return failures ? `${failures} failed requests (errors, timeouts or non-2xx)` : undefined;
}

function loadFigures(key: string, label: string, loads: Load[], minRps: number, maxP99: number): Figure[] {
  const note = failuresNote(loads);
  const setting = `${connections} connections, ${loadSeconds} s`;
  return [
    figure(
      `${key}Rps`,
      `${label}: throughput`,
      "req/s",
      loads.map((l) => l.requestsPerSecond),
      { op: ">=", value: minRps },
      note ?? setting,
    ),
    figure(
      `${key}P50`,
      `${label}: p50`,
      "ms",
      loads.map((l) => l.p50Ms),
    ),
    figure(
      `${key}P99`,
      `${label}: p99`,
      "ms",
      loads.map((l) => l.p99Ms),
      { op: "<=", value: maxP99 },
    ),
  ];
}

function growthFigures(growth: GrowthRun[] | Error): Figure[] {
  const homeLabel = `homePage p50, ${largePosts} / ${smallPosts} posts`;
  const deepLabel = `posts(first: 20, after: 90% cursor) p50, ${largePosts} / ${smallPosts}`;
  const target = { op: "<=" as const, value: 1.5 };
  if (growth instanceof Error) {
    const why = `failed: ${growth.message.slice(0, 200)}`;
    return [
      unavailable("growthHome", homeLabel, target, why),
      unavailable("growthDeep", deepLabel, target, why),
    ];
  }
  const failures = growth.reduce((a, g) => a + g.failures, 0);
  const failed = failures ? `; ${failures} failed requests left out` : "";
  const one = (key: string, label: string, pick: (g: GrowthRun) => number[][]) => {
    const p50 = (stack: number) => fmt(median(growth.map((g) => median(pick(g)[stack] ?? []))));
    return figure(
      key,
      label,
      "x",
      growth.map((g) => median(pick(g)[1] ?? []) / median(pick(g)[0] ?? [])),
      target,
      `p50 ${p50(0)} -> ${p50(1)} ms; both stacks up, one request at a time in turns, cache off${failed}`,
    );
  };
  return [one("growthHome", homeLabel, (g) => g.home), one("growthDeep", deepLabel, (g) => g.deep)];
}

function visitFigures(path: string, visits: Awaited<ReturnType<typeof firstVisits>> | Error): Figure[] {
  const label = `first visit ${path}`;
  if (visits instanceof Error) {
    return [unavailable(`visit${path}`, label, undefined, `not available: ${visits.message.split("\n")[0]}`)];
  }
  const note = `median of ${visits.length} fresh Chromium contexts`;
  return [
    figure(
      `visit${path}Requests`,
      `${label}: requests`,
      "",
      [median(visits.map((v) => v.requests))],
      { op: "<=", value: 20 },
      note,
    ),
    figure(`visit${path}Js`, `${label}: JS KiB gzip`, "KiB", [median(visits.map((v) => v.jsKiBGzip))], {
      op: "<=",
      value: 170,
    }),
    // Each visit is a run here: the table's spread is then the visits' spread.
    figure(
      `visit${path}Title`,
      `${label}: first post title visible`,
      "ms",
      visits.map((v) => v.titleVisibleMs),
      { op: "<=", value: 800 },
      "from navigation start until the frame showing it has painted, on the page's clock; after one uncounted visit",
    ),
  ];
}

async function adminToken(stack: RunningStack): Promise<string> {
  const { login } = await graphql<{ login: { accessToken: string } }>(stack.graphqlUrl, LOGIN, {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  return login.accessToken;
}

/** A demo post written by the admin (present in every service's replicas), for post(slug) and propagation. */
async function adminPostSlug(stack: RunningStack): Promise<string> {
  const { login } = await graphql<{ login: { user: { id: string } } }>(stack.graphqlUrl, LOGIN, {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const { posts }: { posts: PostsPage } = await graphql<{ posts: PostsPage }>(
      stack.graphqlUrl,
      POSTS_PAGE,
      {
        after,
      },
    );
    const mine = posts.edges.find(
      (e) => e.node.author?.id === login.user.id && !e.node.slug.startsWith("bench-"),
    );
    if (mine) return mine.node.slug;
    if (!posts.pageInfo.hasNextPage) break;
    after = posts.pageInfo.endCursor;
  }
  throw new Error("no demo post by the admin found");
}

/** A name change not visible after this long counts as this long, and as stale in the figure's note. */
const PROPAGATION_GIVE_UP_MS = 10_000;

async function propagationSamplesOf(stack: RunningStack, slug: string): Promise<number[]> {
  const token = await adminToken(stack);
  const samples: number[] = [];
  const original = (
    await graphql<{ post: { author: { name: string } } }>(stack.graphqlUrl, POST_AUTHOR, { slug })
  ).post.author.name;
  for (let i = 0; i < propagationSamples; i++) {
    const name = `Bench Author ${Date.now().toString(36)}${i}`;
    await graphql(stack.graphqlUrl, UPDATE_PROFILE, { name }, token);
    const committed = performance.now();
    for (;;) {
      const { post } = await graphql<{ post: { author: { name: string } | null } }>(
        stack.graphqlUrl,
        POST_AUTHOR,
        { slug },
      );
      if (post.author?.name === name) break;
      if (performance.now() - committed > PROPAGATION_GIVE_UP_MS) break;
    }
    samples.push(Math.min(performance.now() - committed, PROPAGATION_GIVE_UP_MS));
  }
  await graphql(stack.graphqlUrl, UPDATE_PROFILE, { name: original }, token);
  return samples;
}

/**
 * The growth runs: a stack on each dataset, both up at once, given the same loads first (a fresh stack's p50
 * differs from a loaded one's by up to half either way), then sampled in turns.
 */
async function growthRuns(
  datasets: Array<{ options: StackOptions; cursor: string }>,
  postSlug: string,
): Promise<{ runs: GrowthRun[]; largeStackRss: number }> {
  log(`start a stack on each dataset (${smallPosts} and ${largePosts} posts), cache off`);
  const stacks: RunningStack[] = [];
  try {
    for (const { options } of datasets) stacks.push(await startStack(options));
    await settle();
    for (const stack of stacks) {
      await graphqlLoad(stack.graphqlUrl, HOME_PAGE, {}, { connections, seconds: loadSeconds });
      await graphqlLoad(
        stack.graphqlUrl,
        POST_PAGE,
        { slug: postSlug },
        { connections, seconds: loadSeconds },
      );
    }
    const out: GrowthRun[] = [];
    for (let i = 0; i < runs; i++) {
      for (const stack of stacks) await quiesce(stack);
      log(`growth, the two stacks in turns: run ${i + 1}/${runs}`);
      // Two seconds of load on each query first, so each is measured right after its own warm-up.
      const deepOf = (s: number) => ({ after: datasets[s]?.cursor });
      for (const [s, stack] of stacks.entries()) {
        await graphqlLoad(stack.graphqlUrl, HOME_PAGE, {}, { connections: 4, seconds: 2 }).catch(() => {});
        await graphqlLoad(stack.graphqlUrl, POSTS_PAGE, deepOf(s), { connections: 4, seconds: 2 }).catch(
          () => {},
        );
      }
      const home = await sequentialLatencies(
        stacks.map((stack) => ({ url: stack.graphqlUrl, query: HOME_PAGE, variables: {} })),
        growthSamples,
      );
      const deep = await sequentialLatencies(
        stacks.map((stack, s) => ({ url: stack.graphqlUrl, query: POSTS_PAGE, variables: deepOf(s) })),
        growthSamples,
      );
      out.push({ home: home.samples, deep: deep.samples, failures: home.failures + deep.failures });
    }
    const large = stacks.at(-1);
    return { runs: out, largeStackRss: large ? treeRss(large.pid) : Number.NaN };
  } finally {
    for (const stack of stacks) await stack.stop();
  }
}

async function upstreamFigures(stack: RunningStack, slug: string, token: string): Promise<Figure[]> {
  const bffUrl = stack.graphqlUrl.replace(/\/graphql$/, "");
  const max = (calls: Record<string, number>) => Math.max(0, ...Object.values(calls));
  const callsText = (calls: Record<string, number>) =>
    Object.entries(calls)
      .map(([s, n]) => `${s} ${n}`)
      .join(", ") || "none";
  const out: Figure[] = [];
  const home = await upstreamCallsDuring(bffUrl, () => graphql(stack.graphqlUrl, HOME_PAGE));
  out.push(
    figure(
      "upstreamHome",
      "upstream calls: homePage (most to one service)",
      "",
      [max(home)],
      { op: "<=", value: 1 },
      callsText(home),
    ),
  );
  const post = await upstreamCallsDuring(bffUrl, () => graphql(stack.graphqlUrl, POST_PAGE, { slug }));
  out.push(
    figure(
      "upstreamPost",
      "upstream calls: post(slug) (most to one service)",
      "",
      [max(post)],
      { op: "<=", value: 1 },
      callsText(post),
    ),
  );
  const dashboardQuery = await selectAll(stack.graphqlUrl, "adminDashboard", token).catch(() => null);
  if (dashboardQuery) {
    const dash = await upstreamCallsDuring(bffUrl, () =>
      graphql(stack.graphqlUrl, dashboardQuery, {}, token),
    );
    out.push(
      figure(
        "upstreamDashboard",
        "upstream calls: adminDashboard (most to one service)",
        "",
        [max(dash)],
        { op: "<=", value: 1 },
        callsText(dash),
      ),
    );
  } else {
    out.push(
      unavailable(
        "upstreamDashboard",
        "upstream calls: adminDashboard",
        { op: "<=", value: 1 },
        "not available: the BFF schema has no adminDashboard yet",
      ),
    );
  }
  return out;
}

async function compositionRuns(
  stackOptions: (env?: Record<string, string>) => StackOptions,
  slug: string,
): Promise<Load[] | null> {
  const bffSource = ["bff/src/server.ts", "bff/src/context.ts"]
    .map((file) => readFileSync(join(REPO_ROOT, file), "utf8"))
    .join("\n");
  if (!bffSource.includes("BFF_AUTHOR_SOURCE")) return null;
  log("restart with authors composed from auth (BFF_AUTHOR_SOURCE=auth), cache off");
  const stack = await startStack(stackOptions({ BFF_RESPONSE_CACHE: "off", BFF_AUTHOR_SOURCE: "auth" }));
  try {
    await settle();
    return await repeat("post(slug), author from auth", stack, () =>
      graphqlLoad(stack.graphqlUrl, POST_PAGE, { slug }, { connections, seconds: loadSeconds }),
    );
  } finally {
    await stack.stop();
  }
}

async function outboxDrain(
  stackOptions: () => StackOptions,
  dataset: Dataset,
  restartSeconds: number,
): Promise<Figure> {
  const label = `outbox relay drain, ${outboxEvents} queued events`;
  const target = { op: ">=" as const, value: 3_000 };
  // One drain per run, each on a restarted stack: a single drain moved by half either way on this machine.
  const rates: number[] = [];
  for (let run = 1; run <= runs; run++) {
    const rate = await drainOnce(stackOptions, dataset, restartSeconds, `${run}/${runs}`);
    if (typeof rate === "string") return unavailable("outboxDrain", label, target, rate);
    rates.push(rate);
  }
  return figure(
    "outboxDrain",
    label,
    "events/s",
    rates,
    target,
    "rows copied by SQL and released together; rate over the window from the first published batch until all are published (relay only, consumers still busy after)",
  );
}

/** One drain: the events per second, or why it could not be measured. */
async function drainOnce(
  stackOptions: () => StackOptions,
  dataset: Dataset,
  restartSeconds: number,
  run: string,
): Promise<number | string> {
  // Released once the stack has surely started and settled; the relay's 2 s fallback poll finds them then.
  const holdSeconds = Math.ceil(restartSeconds * 2 + 20);
  await withBlogDb(dataset, (db) =>
    queueOutboxEvents(db, outboxEvents, new Date(Date.now() + holdSeconds * 1000)),
  );
  log(`restart with ${outboxEvents} events held in blog's outbox for ${holdSeconds} s: run ${run}`);
  const stack = await startStack(stackOptions());
  try {
    const metricsUrl = `http://127.0.0.1:${stack.ports.blog}/metrics`;
    const read = async (names: string[]) => {
      const query = names.map((n) => `name=${n}`).join("&");
      const text = await (await fetch(`${metricsUrl}?${query}`)).text();
      const num = (name: string) =>
        Number(new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+([\\d.e+]+)`, "m").exec(text)?.[1] ?? 0);
      return {
        published: num("outbox_events_published_total"),
        backlog: num("outbox_backlog"),
        at: performance.now(),
      };
    };
    const baseline = await read(["outbox_events_published_total", "outbox_backlog"]);
    if (baseline.backlog < outboxEvents) {
      return `not measured: the relay began before the stack was ready (backlog ${baseline.backlog})`;
    }
    // Watched through the published counter alone: the backlog gauge counts the outbox's rows in blog's
    // database, and every 50 ms that query would take blog's thread from the relay being measured.
    let first: Awaited<ReturnType<typeof read>> | null = null;
    const deadline = performance.now() + holdSeconds * 1000 + 300_000;
    for (;;) {
      const now = await read(["outbox_events_published_total"]);
      if (!first && now.published > baseline.published) first = now;
      if (first && now.published - baseline.published >= outboxEvents) {
        const { backlog } = await read(["outbox_backlog"]);
        if (backlog !== 0) throw new Error(`the relay published ${outboxEvents} events, yet ${backlog} wait`);
        return (now.published - first.published) / ((now.at - first.at) / 1000);
      }
      if (performance.now() > deadline) throw new Error("the outbox did not drain");
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await stack.stop();
  }
}

async function withBlogDb<T>(
  dataset: Dataset,
  run: (db: Awaited<ReturnType<typeof openServiceDb>>) => Promise<T>,
): Promise<T> {
  const db = await openServiceDb("blog", dataset, distributed);
  try {
    return await run(db);
  } finally {
    await db.close();
  }
}

/**
 * Distributed mode: a fresh database per service (`bench_<service>`) on the PostgreSQL server of
 * `DATABASE_URL`, unless every `DATABASE_URL_<SERVICE>` is set already. Needs `AMQP_URL`.
 */
async function freshDistributedDatabases(): Promise<Record<string, string>> {
  if (!process.env.AMQP_URL) throw new Error("--distributed needs AMQP_URL (RabbitMQ)");
  if (SERVICES.every((s) => process.env[`DATABASE_URL_${s.toUpperCase()}`])) return {};
  const server = process.env.DATABASE_URL;
  if (!server)
    throw new Error("--distributed needs DATABASE_URL (a PostgreSQL server) or DATABASE_URL_<SERVICE>");
  const admin = await openPostgres(server, 1);
  const env: Record<string, string> = {};
  try {
    for (const s of SERVICES) {
      await admin.query(`drop database if exists bench_${s} with (force)`);
      await admin.query(`create database bench_${s}`);
      const url = new URL(server);
      url.pathname = `/bench_${s}`;
      env[`DATABASE_URL_${s.toUpperCase()}`] = url.toString();
      process.env[`DATABASE_URL_${s.toUpperCase()}`] = url.toString();
    }
  } finally {
    await admin.close();
  }
  return env;
}

process.on("SIGINT", () => void stopAllStacks().then(() => process.exit(130)));
main()
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await stopAllStacks();
    process.exit(1);
  });
