import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blogService } from "../../../blog/src/service";
import { authService } from "../service";

// The kit's /internal/backup and /internal/restore, exercised on two real services.
describe("service backup and restore", () => {
  let stack: TestStack;
  const internal = (url: string, path: string, body?: unknown, token?: string) =>
    fetch(`${url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: {
        "x-service-token": token ?? stack.serviceToken,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  /**
   * Waits until nothing is in flight: both outboxes drained and both services' data unchanged over a
   * moment, so no late event lands after a backup or a restore.
   */
  const settled = async () => {
    const { auth, blog } = stack.services;
    const snapshot = async () =>
      JSON.stringify([
        (await json(await internal(auth!.url, "/internal/backup"))).tables,
        (await json(await internal(blog!.url, "/internal/backup"))).tables,
      ]);
    await eventually(async () => {
      if ((await auth!.ctx.relay.backlog()) + (await blog!.ctx.relay.backlog()) > 0) return false;
      const first = await snapshot();
      await new Promise((r) => setTimeout(r, 300));
      return first === (await snapshot());
    }, 20_000);
  };

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService()]);
  });
  afterAll(async () => stack?.close());

  it("restores exactly what was backed up, password hashes included", async () => {
    const auth = stack.services.auth!.url;
    const blog = stack.services.blog!.url;
    const admin = await createTestUser(stack, "ADMIN", "Keeper");
    for (const email of ["one@example.com", "two@example.com"]) {
      await fetch(`${auth}/v1/register`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password: "Backup-Pass1" }),
      });
    }
    await fetch(`${blog}/v1/categories`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ name: "Kept" }),
    });
    await settled();
    const authBackup = await json(await internal(auth, "/internal/backup"));
    const blogBackup = await json(await internal(blog, "/internal/backup"));
    expect(authBackup.tables.users).toHaveLength(3);
    expect(authBackup.tables.users[0].password_hash).toMatch(/^\$argon2id\$/);

    // Changes after the backup: a new user, a changed password, a new category.
    await fetch(`${auth}/v1/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "later@example.com", password: "Later-Pass1" }),
    });
    const one = await json(
      await fetch(`${auth}/v1/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "one@example.com", password: "Backup-Pass1" }),
      }),
    );
    await fetch(`${auth}/v1/me/password`, {
      method: "PUT",
      headers: { authorization: `Bearer ${one.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword: "Backup-Pass1", newPassword: "Changed-Pass2" }),
    });
    await fetch(`${blog}/v1/categories`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ name: "Later" }),
    });

    await settled();
    expect((await internal(auth, "/internal/restore", authBackup)).status).toBe(200);
    expect((await internal(blog, "/internal/restore", blogBackup)).status).toBe(200);

    const again = await json(await internal(auth, "/internal/backup"));
    expect(again.tables).toEqual(authBackup.tables);
    expect((await json(await internal(blog, "/internal/backup"))).tables).toEqual(blogBackup.tables);
    const login = (email: string, password: string) =>
      fetch(`${auth}/v1/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email, password }),
      });
    expect((await login("one@example.com", "Backup-Pass1")).status).toBe(200);
    expect((await login("two@example.com", "Backup-Pass1")).status).toBe(200);
    expect((await login("later@example.com", "Later-Pass1")).status).toBe(401);
    // New rows after a restore still get fresh serial numbers.
    expect(
      (
        await fetch(`${auth}/v1/register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "after@example.com", password: "After-Pass1" }),
        })
      ).status,
    ).toBe(201);
  });

  it("refuses a backup of another service or without the service credential, changing nothing", async () => {
    const auth = stack.services.auth!.url;
    const blog = stack.services.blog!.url;
    await settled();
    const before = await json(await internal(auth, "/internal/backup"));
    const blogBackup = await json(await internal(blog, "/internal/backup"));
    expect((await internal(auth, "/internal/restore", blogBackup)).status).toBe(409);
    expect((await internal(auth, "/internal/restore", before, "wrong")).status).toBe(403);
    expect((await internal(auth, "/internal/backup", undefined, "wrong")).status).toBe(403);
    expect((await internal(auth, "/internal/restore", { service: "auth" })).status).toBe(400);
    expect((await json(await internal(auth, "/internal/backup"))).tables).toEqual(before.tables);
  });
});
