import { type ChildProcess, spawn } from "node:child_process";
import { MessageChannel, Worker } from "node:worker_threads";
import { type MemoryBroker, serveBroker } from "@quire/service-kit";
import { fromRoot } from "./paths";

export interface Started {
  name: string;
  url: string;
  stop(): Promise<void>;
}

const TS_WORKER = new URL("./ts-worker.mjs", import.meta.url);

/**
 * Embedded mode: each service in its own worker thread (PGlite runs synchronously, so no two services may
 * share an event loop), all on one in-process broker reached over a MessagePort.
 */
export function startWorker(
  name: string,
  entry: string,
  env: Record<string, string | undefined>,
  broker: MemoryBroker,
): Promise<Started> {
  const { port1, port2 } = new MessageChannel();
  const stopServing = serveBroker(broker, port1);
  const worker = new Worker(TS_WORKER, {
    workerData: { entry: new URL(`file://${fromRoot(entry)}`).href, brokerPort: port2 },
    transferList: [port2],
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
  entry: string,
  env: Record<string, string | undefined>,
): Promise<Started> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fromRoot(entry)], {
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
