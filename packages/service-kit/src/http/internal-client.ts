import type { ServiceConfig, ServiceName } from "../config";
import { HttpError } from "../errors";

/**
 * Calls another service's `/internal/*` route with the service credential, a timeout and a small retry
 * budget. Only for work that cannot wait for an event (snapshots for a replica rebuild, backups), never on
 * a page's hot path.
 */
export async function callInternal<T>(
  config: ServiceConfig,
  service: ServiceName,
  path: string,
  init: { method?: string; body?: unknown; timeoutMs?: number; retries?: number } = {},
): Promise<T> {
  const url = new URL(path, config.serviceUrl(service));
  const attempts = 1 + (init.retries ?? 2);
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const res = await fetch(url, {
        method: init.method ?? "GET",
        headers: {
          "x-service-token": config.serviceToken ?? "",
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: AbortSignal.timeout(init.timeoutMs ?? 10_000),
      });
      if (res.ok) return (await res.json()) as T;
      // A 4xx will not get better by trying again.
      if (res.status < 500)
        throw new HttpError(502, "UPSTREAM", `${service} answered ${res.status} for ${path}`);
      lastError = new Error(`${service} answered ${res.status}`);
    } catch (error) {
      if (error instanceof HttpError) throw error;
      lastError = error;
    }
    if (attempt < attempts) await new Promise((r) => setTimeout(r, 200 * attempt));
  }
  throw new HttpError(503, "UNAVAILABLE", `${service} is unavailable: ${String(lastError)}`);
}
