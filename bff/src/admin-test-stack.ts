import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestUser, type Json, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { expect } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { pageService } from "../../services/page/src/service";
import { storageService } from "../../services/storage/src/service";
import { LocalObjectStore } from "../../services/storage/src/storage/local-store";
import { type BffServer, startBff } from "./server";
import { postGraphQL } from "./test-support";
import { upstreamCalls } from "./upstream-metrics";

export type TestAccount = Awaited<ReturnType<typeof createTestUser>>;
export type GraphQLBody = {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string } }>;
};

/** Every service plus the BFF, an admin and a plain user: what the admin screens run against. */
export interface AdminStack {
  stack: TestStack;
  bff: BffServer;
  admin: TestAccount;
  user: TestAccount;
  /** Runs a GraphQL document as anonymous (no token) or with a token; answers the parsed body. */
  gql(query: string, variables?: Record<string, unknown>, token?: string): Promise<Json>;
  /** Upstream calls so far, per service, from the BFF's /metrics. */
  upstreamCalls(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export async function startAdminStack(): Promise<AdminStack> {
  // Uploads and backup archives go to a folder of this run, never the stack's data dir.
  const objects = await mkdtemp(join(tmpdir(), "bff-admin-objects-"));
  // Storage last: its backups reach every other service at the address the stack knows by then.
  const stack = await startTestStack([
    authService(),
    blogService(),
    contentService(),
    pageService(),
    analyticsService(),
    // Link previews of a local test page: only loopback is let through, and only in this stack.
    storageService({
      objectStore: new LocalObjectStore(objects),
      linkPreview: { isAllowedAddress: (address) => address === "127.0.0.1", timeoutMs: 2_000 },
    }),
  ]);
  const bff = await startBff({ env: stack.env, port: 0 });
  const [admin, user] = await Promise.all([
    createTestUser(stack, "ADMIN", "Admin Owner"),
    createTestUser(stack, "USER", "Plain Reader"),
  ]);
  return {
    stack,
    bff,
    admin,
    user,
    gql: async (query, variables = {}, token) => json(await postGraphQL(bff.url, query, variables, token)),
    upstreamCalls: () => upstreamCalls(bff.url),
    async close() {
      await bff.close();
      await stack.close();
      await rm(objects, { recursive: true, force: true });
    },
  };
}

export const codesOf = (body: GraphQLBody) => (body.errors ?? []).map((e) => e.extensions?.code);

/** The data of an answer that must have no errors. */
export function dataOf(body: GraphQLBody): Json {
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as Json;
}

/** The one error code of an answer that must fail, with no data written for its root field. */
export function errorCodeOf(body: GraphQLBody): string | undefined {
  expect(body.errors?.length, JSON.stringify(body)).toBeGreaterThan(0);
  return body.errors![0]!.extensions?.code;
}
