import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { stackPorts } from "@quire/service-kit";
import { must } from "./api";
import {
  checkAll,
  checkerSelfTest,
  deadLetters,
  duplicateDeliveries,
  type Findings,
  inboxTotal,
  openDatabases,
  outboxBacklog,
} from "./checker";
import { createAccounts, Driver, keepSignedIn, seededRandom, sleep } from "./driver";
import { BrokerControl, createDatabases, cutDatabaseConnections, SERVICES } from "./infra";
import { type ComponentName, Processes } from "./processes";
import { consumerQueues, QueueMonitor } from "./queues";

const { values: args } = parseArgs({
  options: {
    writes: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "8" },
    users: { type: "string", default: "12" },
    seed: { type: "string", default: "1" },
    poison: { type: "string", default: "3" },
    "converge-timeout": { type: "string", default: "180" },
    "keep-logs": { type: "boolean", default: false },
  },
});
const WRITES = Number(args.writes);
const CONCURRENCY = Number(args.concurrency);
const POISON = Number(args.poison);
const CONVERGE_TIMEOUT_MS = Number(args["converge-timeout"]) * 1000;

const amqpUrl = process.env.AMQP_URL;
const adminUrl = process.env.DATABASE_URL;
if (!amqpUrl || !adminUrl) {
  console.error(
    "chaos: set AMQP_URL and DATABASE_URL (a PostgreSQL superuser URL), or run tools/chaos/run.sh",
  );
  process.exit(2);
}
const rmqRoot = process.env.QUIRE_CHAOS_RMQ_ROOT;
// Ports of a second stack, clear of the standard ones, unless the caller picks an offset.
const portOffset = process.env.QUIRE_PORT_OFFSET ?? "5000";
const ports = stackPorts({ QUIRE_PORT_OFFSET: portOffset });
const local = (port: number) => `http://127.0.0.1:${port}`;
const urls = { auth: local(ports.auth), blog: local(ports.blog), content: local(ports.content) };

const log = (msg: string) => console.log(`chaos [${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function main(): Promise<number> {
  const workDir = mkdtempSync(join(tmpdir(), "quire-chaos-"));
  const databaseUrls = await createDatabases(adminUrl!);
  const serviceToken = randomUUID();
  const env: Record<string, string | undefined> = {
    ...process.env,
    PORT: undefined,
    AMQP_URL: amqpUrl,
    QUIRE_PORT_OFFSET: portOffset,
    QUIRE_DATA_DIR: join(workDir, "data"),
    QUIRE_SERVICE_TOKEN: serviceToken,
    QUIRE_RATE_LIMIT_FACTOR: "1000",
    QUIRE_BUS_FAULTS: process.env.QUIRE_BUS_FAULTS ?? "duplicate,reorder:0.1",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    ...Object.fromEntries(SERVICES.map((s) => [`DATABASE_URL_${s.toUpperCase()}`, databaseUrls[s]])),
  };
  const procs = new Processes(env, workDir);
  const db = openDatabases(databaseUrls);
  const monitor = new QueueMonitor(amqpUrl!);
  const broker = rmqRoot ? new BrokerControl(rmqRoot) : null;
  const queues = consumerQueues();
  let stopSignIn = () => {};
  try {
    log(`starting the stack (ports +${portOffset}, logs in ${workDir})`);
    await procs.start("auth");
    await Promise.all(
      (["blog", "content", "page", "analytics", "storage"] as const).map((s) => procs.start(s)),
    );
    await procs.start("bff");

    const accounts = await createAccounts(urls, serviceToken, Number(args.users));
    const admin = accounts.find((a) => a.admin)!;
    const category = await must(`${urls.blog}/v1/categories`, {
      method: "POST",
      token: admin.token,
      body: { name: `Chaos ${randomUUID().slice(0, 6)}` },
    });
    stopSignIn = keepSignedIn(urls, accounts);
    const driver = new Driver(urls, accounts, category.id, seededRandom(Number(args.seed)));
    await driver.seedPosts(20);
    // Readers' writes need the posts and their own profiles in content's replicas.
    await sleep(2_000);

    let progress = 0;
    let faultsDone = false;
    const faultLog: string[] = [];
    const at = async (share: number) => {
      while (progress < WRITES * share) await sleep(100);
    };
    const consumerKill = async (svc: ComponentName, burst: () => Promise<void>) => {
      // A burst of writes whose events the victim consumes, so it dies with handlers in flight.
      const writes = burst();
      await sleep(150);
      await procs.kill(svc);
      await writes;
      faultLog.push(`SIGKILL ${svc}`);
      log(`killed ${svc} with SIGKILL mid-burst; restarting`);
      await sleep(1_000);
      await procs.start(svc);
    };
    const brokerKill = async (n: number) => {
      if (!broker) {
        faultLog.push("broker kill skipped (AMQP_URL given from outside)");
        return;
      }
      log(`killing RabbitMQ (${n}/3)`);
      await broker.kill();
      await sleep(3_000);
      await broker.start();
      faultLog.push("broker kill");
      log("RabbitMQ is back");
    };
    let poisons: Awaited<ReturnType<QueueMonitor["publishPoison"]>> = [];
    const faults = (async () => {
      await at(0.1);
      await brokerKill(1);
      await at(0.2);
      await consumerKill("content", () => driver.burst("post.edit", 40));
      await at(0.3);
      const cut = await cutDatabaseConnections(adminUrl!, "blog");
      faultLog.push(`blog database connections cut: ${cut}`);
      log(`cut ${cut} connections of blog's database`);
      await at(0.4);
      await brokerKill(2);
      await at(0.5);
      await consumerKill("blog", () => driver.burst("like", 40));
      await at(0.55);
      poisons = await monitor.publishPoison(POISON);
      log(`published ${POISON} poison messages`);
      await at(0.65);
      await brokerKill(3);
      await at(0.8);
      await consumerKill("content", () => driver.burst("comment", 40));
    })().finally(() => {
      // Also on a failed fault, so the driver stops and the error surfaces below.
      faultsDone = true;
    });
    const started = Date.now();
    let lastReport = 0;
    await driver.run(
      WRITES,
      CONCURRENCY,
      () => faultsDone,
      (acked) => {
        progress = acked;
        if (acked - lastReport >= WRITES / 10) {
          lastReport = acked;
          log(`${acked} writes acknowledged`);
        }
      },
    );
    await faults;
    const driveSeconds = (Date.now() - started) / 1000;
    const s = driver.stats;
    log(`refused: ${JSON.stringify(s.refusals)}`);
    log(
      `driver done in ${driveSeconds.toFixed(0)}s: ${s.acked} acknowledged, ${s.refused} refused, ` +
        `${s.unanswered} unanswered (${JSON.stringify(s.byKind)})`,
    );

    // Recovery: every outbox published, every queue drained, nothing consumed between two looks, and then
    // every read model equal to its source; converged_in runs from the last write to that moment.
    const targets = {
      analyticsUrl: local(ports.analytics),
      bffUrl: local(ports.bff),
      adminToken: admin.token,
      bffSample: 25,
    };
    const recoveryStart = Date.now();
    let findings: Findings | null = null;
    let lastInbox = -1;
    let converged = false;
    while (Date.now() - recoveryStart < CONVERGE_TIMEOUT_MS) {
      const backlog = await outboxBacklog(db).catch(() => 1);
      const queued = await monitor.backlog(queues.map((q) => q.queue));
      const inbox = await inboxTotal(db).catch(() => -1);
      const quiet = backlog === 0 && queued === 0 && inbox === lastInbox;
      lastInbox = inbox;
      if (quiet) {
        findings = await checkAll(db, driver.model, targets);
        if (findings.clean) {
          converged = true;
          break;
        }
      }
      await sleep(1_000);
    }
    const convergedIn = (Date.now() - recoveryStart) / 1000;
    findings ??= await checkAll(db, driver.model, targets);
    const duplicates = await duplicateDeliveries(
      (["auth", "blog", "content", "page", "analytics", "storage"] as const).map((svc) => local(ports[svc])),
    );
    log(
      `deliveries found already applied (duplicates skipped by the inboxes, since the last restarts): ${duplicates}`,
    );

    // Dead letters: only the poison messages, once in every consumer queue that takes their type.
    const dead = await deadLetters(db);
    const bffDead = Math.max(0, await monitor.bffDeadLetters());
    const poisonIds = new Set(poisons.map((p) => p.id));
    const expectedDead = poisons.reduce(
      (n, p) => n + queues.filter((q) => q.types.includes(p.type)).length,
      0,
    );
    const unexplained = dead.filter((d) => !poisonIds.has(d.event_id));
    const deadTotal = dead.length + bffDead;
    const deadOk = unexplained.length === 0 && bffDead === 0 && dead.length === expectedDead;

    for (const line of faultLog) log(`fault: ${line}`);
    for (const e of findings.examples) log(e);
    if (!deadOk) {
      log(
        `dead letters: ${dead.length} in tables (expected ${expectedDead} from ${poisons.length} poisons), ${bffDead} in bff.cache.dlq`,
      );
      for (const d of unexplained.slice(0, 10))
        log(`unexplained dead letter: ${d.queue} ${d.type} ${d.error}`);
    }
    if (!converged) log(`did not converge within ${CONVERGE_TIMEOUT_MS / 1000}s`);
    console.log(
      `chaos: writes=${s.acked} lost=${findings.lost} duplicated=${findings.duplicated} diverged=${findings.diverged} ` +
        `converged_in=${converged ? `${convergedIn.toFixed(1)}s` : "never"} dead_letters=${deadTotal}`,
    );
    // Last, on a clean run only: the checker must catch planted faults of every kind.
    const selfTest = findings.clean ? await checkerSelfTest(db, driver.model, targets) : null;
    if (selfTest) log(`checker self-test failed: ${selfTest}`);
    else if (findings.clean)
      log("checker self-test: planted lost, duplicated and diverged rows were all caught");
    const ok = converged && findings.clean && deadOk && !selfTest && s.acked >= WRITES;
    if (!ok)
      for (const name of ["content", "blog", "analytics"] as const)
        log(`${name} log tail:\n${procs.tail(name, 15)}`);
    return ok ? 0 : 1;
  } finally {
    stopSignIn();
    await procs.stopAll();
    await monitor.close();
    await Promise.all(Object.values(db).map((p) => p.end().catch(() => {})));
    if (!args["keep-logs"]) rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("chaos: failed:", error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
