import { connect } from "node:net";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | FormData;
  timeoutMs?: number;
}

/** One request; a network failure or timeout is status 0, so the caller can count it as a crash. */
export async function send(url: string, options: SendOptions = {}): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: options.method ?? "GET",
      headers: options.headers,
      body: options.body as BodyInit | undefined,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    return { status: res.status, headers: res.headers, text: await res.text() };
  } catch (error) {
    return { status: 0, headers: new Headers(), text: String((error as Error)?.cause ?? error) };
  }
}

/**
 * Bytes written straight to the socket, for what fetch refuses to send (a broken request line, a lying
 * Content-Length, bad chunking). Answers the status of the first response line, or 0 when the connection
 * closed without one (which the HTTP parser does for hopeless input: not a crash if the server still runs).
 */
export function sendRaw(url: string, raw: string | Buffer, timeoutMs = 5_000): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    let data = "";
    const done = () => {
      socket.destroy();
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(data);
      resolve(match ? Number(match[1]) : 0);
    };
    socket.setTimeout(timeoutMs, done);
    socket.on("data", (chunk) => {
      data += chunk.toString("latin1");
      if (data.includes("\r\n")) done();
    });
    socket.on("error", done);
    socket.on("close", done);
    socket.write(raw);
  });
}

/** Runs `jobs` with at most `limit` in flight. */
export async function inParallel<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** `--quick` (CI size) or the full size; `ATTACK_SIZE=<n>` overrides both. */
export function suiteSize(full: number, quick: number): number {
  const fromEnv = Number(process.env.ATTACK_SIZE);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return process.argv.includes("--quick") || process.env.ATTACK_QUICK === "1" ? quick : full;
}
