import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_PORTS, type ServiceName, stackPorts } from "@quire/service-kit";
import { REPO_ROOT } from "./paths";

/**
 * `npm run replicas:rebuild [-- <service>[.<replica>] ...]`: rebuilds read models from their producers'
 * snapshots. Asks each service which replicas it keeps (`GET /internal/replicas`), then rebuilds the selected
 * ones (`POST /internal/replicas/:name/rebuild`); one line per replica, exit code 1 on any failure.
 */

/** Services built on the kit (the BFF keeps no replicas). */
const SERVICES = (Object.keys(DEFAULT_PORTS) as (keyof typeof DEFAULT_PORTS)[]).filter(
  (name): name is ServiceName => name !== "shell" && name !== "bff",
);

export interface RebuildOptions {
  /** `blog` or `blog.authors`; empty means every replica of every service. */
  selectors: string[];
  serviceToken: string;
  serviceUrl: (service: ServiceName) => string;
  print: (line: string) => void;
  fetch?: typeof fetch;
}

interface Selection {
  service: ServiceName;
  /** Null: all of the service's replicas. */
  replica: string | null;
}

export function parseSelectors(selectors: string[]): Selection[] {
  if (selectors.length === 0) return SERVICES.map((service) => ({ service, replica: null }));
  return selectors.map((selector) => {
    const [service, replica, ...rest] = selector.split(".");
    if (!service || rest.length > 0 || replica === "" || !(SERVICES as string[]).includes(service)) {
      throw new Error(
        `"${selector}" is not <service> or <service>.<replica>; services: ${SERVICES.join(", ")}`,
      );
    }
    return { service: service as ServiceName, replica: replica ?? null };
  });
}

/** Returns true when every selected replica was rebuilt. */
export async function rebuildReplicas(options: RebuildOptions): Promise<boolean> {
  const request = options.fetch ?? fetch;
  const headers = { "x-service-token": options.serviceToken };
  const call = async <T>(service: ServiceName, path: string, method = "GET"): Promise<T> => {
    let res: Response;
    try {
      res = await request(new URL(path, options.serviceUrl(service)), { method, headers });
    } catch (error) {
      throw new Error(`${service} is unreachable at ${options.serviceUrl(service)} (${errorText(error)})`);
    }
    const body = (await res.json().catch(() => null)) as T & { error?: { message?: string } };
    if (!res.ok) throw new Error(`${res.status} ${body?.error?.message ?? res.statusText}`);
    return body;
  };

  // A service named twice (`blog blog.authors`) is asked once; the whole service wins.
  const wanted = new Map<ServiceName, Set<string> | null>();
  for (const { service, replica } of parseSelectors(options.selectors)) {
    const current = wanted.get(service);
    if (replica === null || current === null) wanted.set(service, null);
    else wanted.set(service, new Set([...(current ?? []), replica]));
  }

  let ok = true;
  for (const [service, names] of wanted) {
    let replicas: { name: string; producer: string }[];
    try {
      ({ replicas } = await call<{ replicas: { name: string; producer: string }[] }>(
        service,
        "/internal/replicas",
      ));
    } catch (error) {
      options.print(`${service}: failed: ${errorText(error)}`);
      ok = false;
      continue;
    }
    for (const name of names ?? []) {
      if (!replicas.some((r) => r.name === name)) {
        const known = replicas.map((r) => r.name).join(", ") || "none";
        options.print(`${service}.${name}: failed: no such replica (${service} keeps: ${known})`);
        ok = false;
      }
    }
    for (const replica of replicas.filter((r) => names === null || names.has(r.name))) {
      try {
        const { applied } = await call<{ applied: number }>(
          service,
          `/internal/replicas/${encodeURIComponent(replica.name)}/rebuild`,
          "POST",
        );
        options.print(`${service}.${replica.name}: ${applied} applied`);
      } catch (error) {
        options.print(`${service}.${replica.name}: failed: ${errorText(error)}`);
        ok = false;
      }
    }
  }
  return ok;
}

/** `QUIRE_SERVICE_TOKEN`, else the token the launcher keeps in the data dir. */
export function readServiceToken(env: NodeJS.ProcessEnv): string {
  if (env.QUIRE_SERVICE_TOKEN) return env.QUIRE_SERVICE_TOKEN;
  const file = join(resolve(REPO_ROOT, env.QUIRE_DATA_DIR ?? ".data"), "service-token");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  throw new Error(
    `No service credential: set QUIRE_SERVICE_TOKEN, or start the stack once to create ${file}`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const env = process.env;
  const ok = await rebuildReplicas({
    // pnpm passes the `--` through on some versions.
    selectors: process.argv.slice(2).filter((arg) => arg !== "--"),
    serviceToken: readServiceToken(env),
    serviceUrl: (service) =>
      env[`QUIRE_${service.toUpperCase()}_URL`] ?? `http://127.0.0.1:${stackPorts(env)[service]}`,
    print: (line) => console.log(line),
  });
  process.exitCode = ok ? 0 : 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(errorText(error));
    process.exitCode = 1;
  });
}
