import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { pageService } from "../service";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

describe("notices API", () => {
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
  const anonymous = { "content-type": "application/json" };
  const forged = (u: TestUser) => ({ ...u.headers, "x-user-id": admin.id, "x-user-role": "ADMIN" });
  const createNotice = (body: Record<string, unknown>, headers = admin.headers) =>
    fetch(`${page}/v1/notices`, {
      method: "POST",
      headers,
      body: JSON.stringify({ contentHtml: "<p>Body</p>", ...body }),
    });
  const patchNotice = (id: string, body: Record<string, unknown>, headers = admin.headers) =>
    fetch(`${page}/v1/notices/${id}`, { method: "PATCH", headers, body: JSON.stringify(body) });
  /** A DELETE carries no body, so no content type either. */
  const removeNotice = (id: string, headers: Record<string, string> = admin.headers) => {
    const { "content-type": _none, ...rest } = headers;
    return fetch(`${page}/v1/notices/${id}`, { method: "DELETE", headers: rest });
  };
  const snapshot = async () =>
    JSON.stringify(await db().query("select * from notices order by id")) +
    JSON.stringify(await db().query("select id from outbox order by seq"));

  it("lets only admins create, edit, delete and list all notices; forged headers change nothing", async () => {
    const before = await snapshot();
    expect((await createNotice({ title: "Anon" }, anonymous)).status).toBe(401);
    expect((await createNotice({ title: "User" }, user.headers)).status).toBe(403);
    expect(
      (
        await createNotice(
          { title: "Forged" },
          { ...anonymous, "x-user-id": admin.id, "x-user-role": "ADMIN" },
        )
      ).status,
    ).toBe(401);
    expect((await createNotice({ title: "Forged" }, forged(user))).status).toBe(403);
    expect(await snapshot()).toBe(before);

    const created = await json(await createNotice({ title: "Admin's notice" }));
    const id = created.id as string;
    const afterCreate = await snapshot();
    for (const headers of [anonymous, user.headers, forged(user)]) {
      const expected = headers === anonymous ? 401 : 403;
      expect((await patchNotice(id, { title: "Hijacked" }, headers)).status).toBe(expected);
      expect((await removeNotice(id, headers)).status).toBe(expected);
      expect((await fetch(`${page}/v1/admin/notices`, { headers })).status).toBe(expected);
    }
    expect(await snapshot()).toBe(afterCreate);

    expect((await patchNotice(id, { title: "Edited" })).status).toBe(200);
    expect((await fetch(`${page}/v1/admin/notices`, { headers: admin.headers })).status).toBe(200);
    expect((await removeNotice(id)).status).toBe(204);
  });

  it("gives a Korean title a readable unique slug and keeps route names free", async () => {
    const a = await json(await createNotice({ title: "서버 점검 안내", status: "PUBLISHED" }));
    const b = await json(await createNotice({ title: "서버 점검 안내", status: "PUBLISHED" }));
    expect(a.slug).toBe("서버-점검-안내");
    expect(b.slug).toBe("서버-점검-안내-2");
    const popup = await json(await createNotice({ title: "Popup" }));
    expect(popup.slug).toBe("popup-2");
    const found = await json(await fetch(`${page}/v1/notices/${encodeURIComponent(a.slug)}`));
    expect(found.title).toBe("서버 점검 안내");
  });

  it("sanitises the HTML and normalises the colour", async () => {
    const n = await json(
      await createNotice({
        title: "Safe",
        contentHtml: '<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">x</a></p>',
        color: "#AABBCC",
        badge: "공지",
      }),
    );
    expect(n.contentHtml).toBe('<p>Hi <a rel="noopener noreferrer nofollow">x</a></p>');
    expect(n.color).toBe("#aabbcc");
    expect(n.badge).toBe("공지");
    expect(n.status).toBe("DRAFT");
    expect(n.publishedAt).toBeNull();
  });

  it("refuses bad input and unknown ids, writing nothing", async () => {
    const target = await json(await createNotice({ title: "Target" }));
    const before = await snapshot();
    const bad: Record<string, unknown>[] = [
      { title: "" },
      { title: "x".repeat(201) },
      { title: 5 },
      { title: "X", color: "red" },
      { title: "X", color: "#12345" },
      { title: "X", badge: "b".repeat(21) },
      { title: "X", status: "LIVE" },
      { title: "X", pinned: "yes" },
      { title: "X", extra: 1 },
    ];
    for (const body of bad) expect((await createNotice(body)).status).toBe(400);
    for (const body of [{}, { color: "blue" }, { title: "" }, { extra: true }, { status: "GONE" }]) {
      expect((await patchNotice(target.id, body)).status).toBe(400);
    }
    expect((await patchNotice("no-such-id", { title: "Ghost" })).status).toBe(404);
    expect((await removeNotice("no-such-id")).status).toBe(404);
    expect((await fetch(`${page}/v1/notices?after=garbage`)).status).toBe(400);
    expect((await fetch(`${page}/v1/notices?first=0`)).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("lists published notices only, pinned first then newest, across cursor pages", async () => {
    await db().query("delete from notices");
    const make = async (title: string, extra: Record<string, unknown>) =>
      json(await createNotice({ title, status: "PUBLISHED", ...extra }));
    const old = await make("Old", { publishedAt: "2024-01-01T00:00:00.000Z" });
    const mid = await make("Mid", { publishedAt: "2024-02-01T00:00:00.000Z" });
    const pinnedOld = await make("Pinned old", { pinned: true, publishedAt: "2023-06-01T00:00:00.000Z" });
    const fresh = await make("Fresh", { publishedAt: "2024-03-01T00:00:00.000Z" });
    const pinnedNew = await make("Pinned new", { pinned: true, publishedAt: "2024-01-15T00:00:00.000Z" });
    await make("Draft", { status: "DRAFT" });

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const res = await fetch(`${page}/v1/notices?first=2${after ? `&after=${after}` : ""}`);
      const body = await json(res);
      seen.push(...body.items.map((n: { id: string }) => n.id));
      after = body.pageInfo.hasNextPage ? body.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([pinnedNew.id, pinnedOld.id, fresh.id, mid.id, old.id]);

    const popup = await json(await fetch(`${page}/v1/notices/popup`));
    expect(popup.map((n: { id: string }) => n.id)).toEqual([pinnedNew.id, pinnedOld.id]);

    const admin6 = await json(await fetch(`${page}/v1/admin/notices?first=100`, { headers: admin.headers }));
    expect(admin6.items).toHaveLength(6);
  });

  it("shows a notice with its previous and next published notices; drafts only to admins", async () => {
    await db().query("delete from notices");
    const make = async (title: string, publishedAt: string, status = "PUBLISHED") =>
      json(await createNotice({ title, status, publishedAt }));
    const first = await make("First", "2024-01-01T00:00:00.000Z");
    const draft = await make("Hidden", "2024-01-15T00:00:00.000Z", "DRAFT");
    const second = await make("Second", "2024-02-01T00:00:00.000Z");
    const third = await make("Third", "2024-03-01T00:00:00.000Z");

    const detail = await json(await fetch(`${page}/v1/notices/${second.slug}`));
    expect(detail.previous).toEqual({ id: first.id, slug: first.slug, title: "First" });
    expect(detail.next).toEqual({ id: third.id, slug: third.slug, title: "Third" });
    const edge = await json(await fetch(`${page}/v1/notices/${first.slug}`));
    expect(edge.previous).toBeNull();
    expect(edge.next.id).toBe(second.id);

    expect((await fetch(`${page}/v1/notices/${draft.slug}`)).status).toBe(404);
    expect((await fetch(`${page}/v1/notices/${draft.slug}`, { headers: user.headers })).status).toBe(404);
    expect((await fetch(`${page}/v1/notices/${draft.slug}`, { headers: admin.headers })).status).toBe(200);
    expect((await fetch(`${page}/v1/notices/missing`)).status).toBe(404);
  });

  it("publishing sets the date; edits and deletes emit versioned page events", async () => {
    const n = await json(await createNotice({ title: "Lifecycle" }));
    const published = await json(await patchNotice(n.id, { status: "PUBLISHED", pinned: true }));
    expect(published.publishedAt).not.toBeNull();
    expect(published.pinned).toBe(true);
    expect((await fetch(`${page}/v1/notices/${n.slug}`)).status).toBe(200);
    expect((await removeNotice(n.id)).status).toBe(204);
    expect((await fetch(`${page}/v1/notices/${n.slug}`)).status).toBe(404);

    const events = await db().query<{ type: string; aggregate_version: number; payload: unknown }>(
      "select type, aggregate_version, payload from outbox where aggregate_id = $1 order by seq",
      [n.id],
    );
    expect(events).toEqual([
      {
        type: "page.created",
        aggregate_version: 1,
        payload: { kind: "notice", id: n.id, slug: n.slug, status: "DRAFT" },
      },
      {
        type: "page.updated",
        aggregate_version: 2,
        payload: { kind: "notice", id: n.id, slug: n.slug, status: "PUBLISHED" },
      },
      {
        type: "page.deleted",
        aggregate_version: 3,
        payload: { kind: "notice", id: n.id, slug: n.slug, status: "PUBLISHED" },
      },
    ]);
  });
});
