// Security suite: authorisation matrix, forged tokens and headers, internal routes, stored XSS in a real
// browser, hostile uploads, SSRF through the link preview, rate limits, and no secrets in the logs.
//
// The suite runs the stack in a child process so it can read everything the services log (the kit's pino
// logger writes to the process's stdout); the child reports its checks on a separate pipe (fd 3).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const LOG_LEVEL = process.env.ATTACK_LOG_LEVEL ?? "trace";

if (process.env.QUIRE_ATTACK_CHILD === "1") {
  await import("./security/run-checks");
} else {
  await runParent();
}

interface CheckResult {
  check: string;
  ok: boolean;
  detail?: string;
}

async function runParent(): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      env: { ...process.env, QUIRE_ATTACK_CHILD: "1", LOG_LEVEL },
      stdio: ["ignore", "pipe", "pipe", "pipe"],
    },
  );
  const logChunks: string[] = [];
  child.stdout!.on("data", (c: Buffer) => logChunks.push(c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => {
    const text = c.toString("utf8");
    logChunks.push(text);
    // The child's progress lines ("# <group> <seconds>") show where the time goes.
    for (const line of text.split("\n")) if (line.startsWith("# ")) process.stderr.write(`${line}\n`);
  });
  const results: CheckResult[] = [];
  const secrets = new Set<string>();
  const lines = createInterface({ input: child.stdio[3] as NodeJS.ReadableStream });
  lines.on("line", (line) => {
    const message = JSON.parse(line) as CheckResult | { secret: string };
    if ("secret" in message) secrets.add(message.secret);
    else results.push(message);
  });
  // A hung child must still end in a summary line.
  const limitMs = Number(process.env.ATTACK_TIMEOUT_MS ?? 30 * 60_000);
  const watchdog = setTimeout(() => child.kill("SIGKILL"), limitMs);
  const exitCode = await new Promise<number>((resolve) => child.on("close", (code) => resolve(code ?? 1)));
  clearTimeout(watchdog);

  const logs = logChunks.join("");
  results.push({
    check: "the checks ran to the end",
    ok: exitCode === 0,
    detail: `child exited with ${exitCode}: ${logs
      .split("\n")
      .filter((l) => !l.startsWith("{"))
      .slice(-5)
      .join(" | ")}`,
  });
  const requestLines = logs.split("\n").filter((l) => l.includes('"incoming request"')).length;
  results.push({
    check: `logs: captured at level ${LOG_LEVEL} (the secret checks below read them)`,
    ok: requestLines > 100,
    detail: `${requestLines} request log lines`,
  });
  let n = 0;
  for (const value of secrets) {
    n++;
    const kind = value.startsWith("eyJ") ? "access token" : "password or refresh token";
    const at = logs.indexOf(value);
    const line = at === -1 ? "" : logs.slice(logs.lastIndexOf("\n", at) + 1, logs.indexOf("\n", at));
    results.push({
      check: `logs: ${kind} #${n} never logged`,
      ok: at === -1,
      detail: `in: ${line.replaceAll(value, `<${kind}>`).slice(0, 600)}`,
    });
  }
  results.push({
    check: "logs: passwords and tokens were collected for the checks",
    ok: secrets.size >= 8,
    detail: `${secrets.size}`,
  });

  const failed = results.filter((r) => !r.ok);
  for (const f of failed) console.error(`  FAIL ${f.check}: ${f.detail ?? ""}`);
  console.log(`security: checks=${results.length} failed=${failed.length}`);
  process.exit(failed.length === 0 ? 0 : 1);
}
