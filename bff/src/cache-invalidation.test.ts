import type { Bus, SubscriptionOptions } from "@quire/service-kit";
import { testEnvelope } from "@quire/service-kit/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CacheEntity,
  REPEAT_INVALIDATION_AFTER_MS,
  subscribeCacheInvalidation,
} from "./cache-invalidation";

describe("cache invalidation by domain events", () => {
  afterEach(() => vi.useRealTimers());

  it("drops a renamed author's answers at once, and again once the replicas have applied the rename", async () => {
    vi.useFakeTimers();
    let handler: SubscriptionOptions["handler"] | undefined;
    const bus = {
      subscribe: async (options: SubscriptionOptions) => {
        handler = options.handler;
      },
    } as Bus;
    const calls: Array<{ at: number; entities: CacheEntity[] }> = [];
    const started = Date.now();
    const subscription = await subscribeCacheInvalidation(bus, (entities) => {
      calls.push({ at: Date.now() - started, entities });
    });

    const rename = testEnvelope("user.profile.updated", "user-1", 2, { id: "user-1", name: "New name" });
    await handler!({ envelope: rename, attempt: 1 });
    expect(calls.map((c) => c.at)).toEqual([0]);
    await vi.advanceTimersByTimeAsync(Math.max(...REPEAT_INVALIDATION_AFTER_MS));
    expect(calls.map((c) => c.at)).toEqual([0, ...REPEAT_INVALIDATION_AFTER_MS]);
    for (const call of calls) expect(call.entities).toContainEqual({ typename: "Author", id: "user-1" });

    // Closing cancels repeats still pending.
    await handler!({ envelope: rename, attempt: 1 });
    subscription.close();
    await vi.advanceTimersByTimeAsync(Math.max(...REPEAT_INVALIDATION_AFTER_MS));
    expect(calls).toHaveLength(REPEAT_INVALIDATION_AFTER_MS.length + 2);
  });
});
