import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { blogService } from "../service";

describe("the event pipeline of a service: poison messages, dead letters, replay", () => {
  let stack: TestStack;
  let blog: string;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let user: Awaited<ReturnType<typeof createTestUser>>;

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
    blog = stack.services.blog!.url;
    admin = await createTestUser(stack, "ADMIN");
    user = await createTestUser(stack, "USER");
  });
  afterAll(async () => stack?.close());

  const pipeline = async () =>
    json(
      await fetch(`${blog}/v1/admin/event-pipeline`, { headers: { authorization: `Bearer ${admin.token}` } }),
    );

  it("dead-letters a poison message after its retries, shows it to admins only, replays and discards it", async () => {
    const bus = await stack.broker.connect();
    // A user event whose payload breaks the catalog's schema: every delivery fails.
    const poison = {
      id: "poison-1",
      type: "user.profile.updated",
      version: 1,
      aggregateId: "u-poison",
      aggregateVersion: 1,
      occurredAt: new Date().toISOString(),
      traceparent: null,
      payload: { id: "u-poison", name: 42 },
    };
    await bus.publish([poison]);
    const dead = await eventually(async () => {
      const p = await pipeline();
      return p.deadLetters.find((d: { eventId: string }) => d.eventId === "poison-1");
    }, 20_000);
    expect(dead).toMatchObject({ queue: "blog.author-replica", type: "user.profile.updated", attempts: 5 });
    expect(dead.error).toMatch(/expected string/i);
    expect(dead.envelope.payload).toEqual({ id: "u-poison", name: 42 });

    for (const [headers, status] of [
      [{}, 401],
      [{ authorization: `Bearer ${user.token}` }, 403],
      [{ "x-user-id": admin.id, "x-user-role": "ADMIN" }, 401],
    ] as const) {
      expect((await fetch(`${blog}/v1/admin/event-pipeline`, { headers })).status).toBe(status);
      const replay = await fetch(`${blog}/v1/admin/dead-letters/${dead.id}/replay`, {
        method: "POST",
        headers,
      });
      expect(replay.status).toBe(status);
    }

    // Replayed, it fails again and comes back: nothing is lost on the way.
    const replay = await fetch(`${blog}/v1/admin/dead-letters/${dead.id}/replay`, {
      method: "POST",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(replay.status).toBe(200);
    const back = await eventually(async () => {
      const p = await pipeline();
      return p.deadLetters.find((d: { eventId: string }) => d.eventId === "poison-1");
    }, 20_000);
    const discard = await fetch(`${blog}/v1/admin/dead-letters/${back.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(discard.status).toBe(200);
    expect((await pipeline()).deadLetters).toEqual([]);
    expect((await pipeline()).outbox.backlog).toBe(0);
    const missing = await fetch(`${blog}/v1/admin/dead-letters/${back.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(missing.status).toBe(404);
  });
});
