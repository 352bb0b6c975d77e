import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../service";

describe("auth admin user management", () => {
  let stack: TestStack;
  let auth: string;
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let otherAdmin: Awaited<ReturnType<typeof createTestUser>>;
  let user: Awaited<ReturnType<typeof createTestUser>>;
  let another: Awaited<ReturnType<typeof createTestUser>>;

  beforeAll(async () => {
    stack = await startTestStack([authService()]);
    auth = stack.services.auth!.url;
    admin = await createTestUser(stack, "ADMIN", "Boss");
    otherAdmin = await createTestUser(stack, "ADMIN", "Deputy");
    user = await createTestUser(stack, "USER", "Reader");
    another = await createTestUser(stack, "USER", "Writer");
  });
  afterAll(async () => stack?.close());

  const put = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${auth}${path}`, { method: "PUT", headers, body: JSON.stringify(body) });
  const anon = { "content-type": "application/json" };

  it("searches and filters users, paged", async () => {
    const all = await json(await fetch(`${auth}/v1/admin/users?first=2`, { headers: admin.headers }));
    expect(all.totalCount).toBe(4);
    expect(all.items).toHaveLength(2);
    expect(all.pageInfo.hasNextPage).toBe(true);
    const rest = await json(
      await fetch(`${auth}/v1/admin/users?first=2&after=${all.pageInfo.endCursor}`, {
        headers: admin.headers,
      }),
    );
    expect(new Set([...all.items, ...rest.items].map((u: { id: string }) => u.id)).size).toBe(4);
    const found = await json(await fetch(`${auth}/v1/admin/users?q=read`, { headers: admin.headers }));
    expect(found.items.map((u: { name: string }) => u.name)).toEqual(["Reader"]);
    const admins = await json(await fetch(`${auth}/v1/admin/users?role=ADMIN`, { headers: admin.headers }));
    expect(admins.totalCount).toBe(2);
  });

  it.each([
    ["anonymous", () => anon, 401],
    ["a user", () => user.headers, 403],
  ])("refuses user management to %s", async (_who, headers, status) => {
    expect((await fetch(`${auth}/v1/admin/users`, { headers: headers() })).status).toBe(status);
    expect(
      (await put(`/v1/admin/users/${another.id}/status`, { status: "SUSPENDED" }, headers())).status,
    ).toBe(status);
    expect((await put(`/v1/admin/users/${another.id}/role`, { role: "ADMIN" }, headers())).status).toBe(
      status,
    );
  });

  it("ignores forged identity headers", async () => {
    const forged = { ...anon, "x-user-id": admin.id, "x-user-role": "ADMIN" };
    expect((await fetch(`${auth}/v1/admin/users`, { headers: forged })).status).toBe(401);
  });

  it("protects other admins and the admin's own account", async () => {
    expect(
      (await put(`/v1/admin/users/${otherAdmin.id}/status`, { status: "SUSPENDED" }, admin.headers)).status,
    ).toBe(403);
    expect((await put(`/v1/admin/users/${otherAdmin.id}/role`, { role: "USER" }, admin.headers)).status).toBe(
      403,
    );
    expect((await put(`/v1/admin/users/${admin.id}/role`, { role: "USER" }, admin.headers)).status).toBe(400);
    const del = await fetch(`${auth}/v1/admin/users/${otherAdmin.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(del.status).toBe(403);
  });

  it("suspends and reactivates a user, and refuses bad input", async () => {
    expect(
      (await put(`/v1/admin/users/${another.id}/status`, { status: "GONE" }, admin.headers)).status,
    ).toBe(400);
    expect((await put(`/v1/admin/users/nope/status`, { status: "SUSPENDED" }, admin.headers)).status).toBe(
      404,
    );
    const s = await json(
      await put(`/v1/admin/users/${another.id}/status`, { status: "SUSPENDED" }, admin.headers),
    );
    expect(s.status).toBe("SUSPENDED");
    const a = await json(
      await put(`/v1/admin/users/${another.id}/status`, { status: "ACTIVE" }, admin.headers),
    );
    expect(a.status).toBe("ACTIVE");
  });

  it("reports sign-ups by day, week and month, and by weekday", async () => {
    for (const period of ["daily", "weekly", "monthly"]) {
      const stats = await json(
        await fetch(`${auth}/v1/admin/users/stats?period=${period}`, { headers: admin.headers }),
      );
      expect(stats.trend.reduce((n: number, b: { signups: number }) => n + b.signups, 0)).toBe(4);
      expect(stats.trend.length).toBeGreaterThanOrEqual(12);
    }
    const daily = await json(await fetch(`${auth}/v1/admin/users/stats`, { headers: admin.headers }));
    expect(daily.trend).toHaveLength(30);
    expect(daily.weekdays).toHaveLength(7);
    expect(daily.weekdays.reduce((n: number, d: { signups: number }) => n + d.signups, 0)).toBe(4);
    expect(daily.totals).toEqual({ users: 4, admins: 2, suspended: 0 });
  });
});
