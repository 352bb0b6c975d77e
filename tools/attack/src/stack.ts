import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyticsService } from "@quire/analytics-service";
import { authService } from "@quire/auth-service";
import { type BffServer, startBff } from "@quire/bff";
import { blogService } from "@quire/blog-service";
import { contentService } from "@quire/content-service";
import { pageService } from "@quire/page-service";
import { startTestStack, type TestStack } from "@quire/service-kit/testing";
import { type StorageServiceOptions, storageService } from "@quire/storage-service";

export const SERVICE_NAMES = ["auth", "blog", "content", "page", "analytics", "storage"] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface AttackStack {
  stack: TestStack;
  bff: BffServer;
  /** Base URL of each service and of the BFF. */
  urls: Record<ServiceName | "bff", string>;
  serviceToken: string;
  close(): Promise<void>;
}

export interface AttackStackOptions {
  storage?: StorageServiceOptions;
  /** Extra environment for every service and the BFF (log level, rate-limit factor). */
  env?: Record<string, string>;
}

/**
 * Every domain service and the BFF in this process on free ports, each on a fresh database, as the BFF's
 * integration tests run them. Uploaded objects go to a temporary folder that is removed on close.
 */
export async function startAttackStack(options: AttackStackOptions = {}): Promise<AttackStack> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-attack-"));
  const saved = { ...process.env };
  Object.assign(process.env, { QUIRE_DATA_DIR: dataDir, ...options.env });
  let stack: TestStack;
  try {
    stack = await startTestStack([
      authService(),
      blogService(),
      contentService(),
      pageService(),
      analyticsService(),
      storageService(options.storage ?? {}),
    ]);
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
  const bff = await startBff({ env: stack.env, port: 0 });
  const urls = Object.fromEntries([
    ...SERVICE_NAMES.map((name) => [name, stack.services[name]!.url]),
    ["bff", bff.url],
  ]) as AttackStack["urls"];
  return {
    stack,
    bff,
    urls,
    serviceToken: stack.serviceToken,
    async close() {
      await bff.close();
      await stack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Heap-independent memory of the process: what a leak in a service would grow. */
export function rssBytes(): number {
  return process.memoryUsage().rss;
}
