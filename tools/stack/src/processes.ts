import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { MessageChannel, Worker } from "node:worker_threads";
import { type MemoryBroker, serveBroker } from "@quire/service-kit";
import { fromRoot } from "./paths";

export interface Started {
  name: string;
  url: string;
  /** A worker's outbox relay started or stopped (the kit's "publish" and "quiesce" messages). */
  publishing?(on: boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * PGlite's WebAssembly, compiled once for every worker: each service compiling its own copy costs tens of MB
 * of machine code per worker. The kit's `openPglite` takes it from `workerData.pgliteWasmModule`.
 */
let pgliteWasmModule: object | null = null;
function sharedPgliteModule(): object {
  if (!pgliteWasmModule) {
    const kit = createRequire(fromRoot("packages/service-kit/package.json"));
    const entry = kit.resolve("@electric-sql/pglite");
    // Typed by hand: the project's TypeScript libs leave out the WebAssembly global Node provides.
    const { WebAssembly } = globalThis as unknown as {
      WebAssembly: { Module: new (bytes: Uint8Array) => object };
    };
    pgliteWasmModule = new WebAssembly.Module(readFileSync(join(dirname(entry), "pglite.wasm")));
  }
  return pgliteWasmModule;
}

/**
 * V8 lets an old generation grow to up to four times what survived its last full collection before the next
 * one; under load a worker's heap then fills with garbage (the BFF's 45 MB of live objects grew to 175 MB
 * after 10 s of uncached home pages). Growing by half instead keeps eight isolates' peaks inside the stack's
 * memory budget, for a few per cent of throughput. V8's flags are the process's: set once, before the first
 * worker starts, it covers them all.
 */
export function limitWorkerHeapGrowth(): void {
  setFlagsFromString("--heap-growing-percent=50");
}

/**
 * Embedded mode: each service in its own worker thread (PGlite runs synchronously, so no two services may
 * share an event loop), all on one in-process broker reached over a MessagePort.
 */
export function startWorker(
  { name, youngGenerationMb, database }: { name: string; youngGenerationMb: number; database: boolean },
  bundle: string,
  env: Record<string, string | undefined>,
  broker: MemoryBroker,
): Promise<Started> {
  const { port1, port2 } = new MessageChannel();
  const stopServing = serveBroker(broker, port1);
  const worker = new Worker(pathToFileURL(bundle), {
    workerData: {
      brokerPort: port2,
      pgliteWasmModule: sharedPgliteModule(),
    },
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMb },
    env,
    name,
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    worker.on("message", (msg: { type?: string; url?: string }) => {
      if (msg.type !== "ready") return;
      ready = true;
      resolve({
        name,
        url: msg.url ?? "",
        // Only a service with a database has an outbox, and a relay to start and stop.
        publishing: !database
          ? undefined
          : (on) =>
              new Promise<void>((done, fail) => {
                const expected = on ? "publishing" : "quiesced";
                const timer = setTimeout(
                  () => settle(new Error(`${name}: no "${expected}" within 10 s`)),
                  10_000,
                );
                const onMessage = (m: { type?: string; error?: string }) => {
                  if (m.type === expected) settle();
                  else if (m.type === "failed") settle(new Error(`${name}: ${m.error}`));
                };
                const settle = (error?: Error) => {
                  clearTimeout(timer);
                  worker.off("message", onMessage);
                  if (error) fail(error);
                  else done();
                };
                worker.on("message", onMessage);
                worker.postMessage({ type: on ? "publish" : "quiesce" });
              }),
        stop: () =>
          new Promise<void>((done) => {
            const force = setTimeout(() => void worker.terminate().then(() => done()), 10_000);
            worker.once("exit", () => {
              clearTimeout(force);
              stopServing();
              done();
            });
            worker.on("message", (m: { type?: string }) => {
              if (m.type === "closed") void worker.terminate();
            });
            worker.postMessage({ type: "shutdown" });
          }),
      });
    });
    worker.on("error", (error) => {
      if (!ready) reject(new Error(`${name} failed to start: ${error.message}`));
      else console.error(`${name} crashed:`, error);
    });
    worker.on("exit", (code) => {
      stopServing();
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}

/** Distributed mode: each service its own process, talking through RabbitMQ. */
export function startProcess(
  name: string,
  bundle: string,
  env: Record<string, string | undefined>,
): Promise<Started> {
  const child: ChildProcess = spawn(process.execPath, [bundle], {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let ready = false;
    const onMessage = (msg: { type?: string; url?: string }) => {
      if (msg?.type !== "ready") return;
      ready = true;
      resolve({
        name,
        url: msg.url ?? "",
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(force);
              done();
            });
            child.kill("SIGTERM");
          }),
      });
    };
    child.on("message", onMessage);
    child.on("exit", (code) => {
      if (!ready) reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
  });
}
