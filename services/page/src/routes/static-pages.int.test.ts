import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { pageService } from "../service";
import { DEFAULT_PAGES } from "./static-pages";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

describe("static pages API", () => {
  let stack: TestStack;
  let page: string;
  let admin: TestUser;
  let user: TestUser;

  beforeAll(async () => {
    stack = await startTestStack([authService(), pageService()]);
    page = stack.services.page!.url;
    admin = await createTestUser(stack, "ADMIN", "Site Owner");
    user = await createTestUser(stack, "USER", "Reader");
  });
  afterAll(async () => stack?.close());

  const db = () => stack.services.page!.ctx.database;
  const snapshot = async () =>
    JSON.stringify(await db().query("select * from static_pages order by slug")) +
    JSON.stringify(await db().query("select id from outbox order by seq"));
  const put = (slug: string, body: unknown, headers: Record<string, string> = admin.headers) =>
    fetch(`${page}/v1/pages/${slug}`, { method: "PUT", headers, body: JSON.stringify(body) });
  const valid = { title: "소개", sections: [{ heading: "안녕하세요", body: "개발 블로그입니다." }] };

  it("describes its routes in /openapi.json", async () => {
    const spec = await json(await fetch(`${page}/openapi.json`));
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(["/v1/notices", "/v1/notices/popup", "/v1/pages/{slug}", "/v1/admin/pages"]),
    );
  });

  it("serves sane defaults for pages never edited", async () => {
    for (const slug of ["introduce", "privacy"] as const) {
      const res = await json(await fetch(`${page}/v1/pages/${slug}`));
      expect(res).toEqual({ slug, content: DEFAULT_PAGES[slug], edited: false });
      expect(res.content.sections.length).toBeGreaterThan(0);
    }
    expect((await fetch(`${page}/v1/pages/unknown`)).status).toBe(400);
  });

  it("lets only admins edit and list pages; forged headers change nothing", async () => {
    const before = await snapshot();
    const anonymous = { "content-type": "application/json" };
    expect((await put("introduce", valid, anonymous)).status).toBe(401);
    expect(
      (await put("introduce", valid, { ...anonymous, "x-user-id": admin.id, "x-user-role": "ADMIN" })).status,
    ).toBe(401);
    expect((await put("introduce", valid, user.headers)).status).toBe(403);
    expect((await put("introduce", valid, { ...user.headers, "x-user-role": "ADMIN" })).status).toBe(403);
    expect((await fetch(`${page}/v1/admin/pages`)).status).toBe(401);
    expect((await fetch(`${page}/v1/admin/pages`, { headers: user.headers })).status).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await fetch(`${page}/v1/admin/pages`, { headers: admin.headers })).status).toBe(200);
  });

  it("refuses invalid content, writing nothing", async () => {
    const before = await snapshot();
    const bad: unknown[] = [
      {},
      { title: "", sections: [] },
      { title: "T" },
      { title: "T", sections: "not a list" },
      { title: "T", sections: [{ heading: "H" }] },
      { title: "T", sections: [{ heading: "H", body: 5 }] },
      { title: "T", sections: [{ heading: "H", body: "b", extra: 1 }] },
      { title: "T", sections: [], extra: true },
      { title: "x".repeat(201), sections: [] },
      { title: "T", sections: Array.from({ length: 51 }, () => ({ heading: "H", body: "b" })) },
    ];
    for (const body of bad) expect((await put("privacy", body)).status).toBe(400);
    const raw = await fetch(`${page}/v1/pages/privacy`, {
      method: "PUT",
      headers: admin.headers,
      body: "{not json",
    });
    expect(raw.status).toBe(400);
    expect((await put("contact", valid)).status).toBe(400);
    expect(await snapshot()).toBe(before);
    expect((await json(await fetch(`${page}/v1/pages/privacy`))).edited).toBe(false);
  });

  it("saves valid content, stamps updatedAt, and emits created then updated", async () => {
    const saved = await json(await put("introduce", { ...valid, updatedAt: "1999-01-01T00:00:00.000Z" }));
    expect(saved.content.title).toBe("소개");
    expect(saved.content.updatedAt).not.toBe("1999-01-01T00:00:00.000Z");
    expect(await json(await fetch(`${page}/v1/pages/introduce`))).toEqual(saved);
    await put("introduce", { title: "About", sections: [] });
    const listed = await json(await fetch(`${page}/v1/admin/pages`, { headers: admin.headers }));
    expect(listed.map((p: { slug: string; edited: boolean }) => [p.slug, p.edited])).toEqual([
      ["introduce", true],
      ["privacy", false],
    ]);
    expect(listed[0].content.title).toBe("About");
    const events = await db().query<{ type: string; aggregate_version: number; payload: unknown }>(
      "select type, aggregate_version, payload from outbox where aggregate_id = 'introduce' order by seq",
    );
    const payload = { kind: "page", id: "introduce", slug: "introduce", status: "PUBLISHED" };
    expect(events).toEqual([
      { type: "page.created", aggregate_version: 1, payload },
      { type: "page.updated", aggregate_version: 2, payload },
    ]);
  });
});
