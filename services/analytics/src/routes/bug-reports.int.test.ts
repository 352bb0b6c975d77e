import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authService } from "../../../auth/src/service";
import { analyticsService } from "../service";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;

describe("bug reports API", () => {
  let stack: TestStack;
  let analytics: string;
  let admin: TestUser;
  let reporter: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    stack = await startTestStack([authService(), analyticsService()]);
    analytics = stack.services.analytics!.url;
    admin = await createTestUser(stack, "ADMIN", "Owner");
    reporter = await createTestUser(stack, "USER", "Reporter");
    other = await createTestUser(stack, "USER", "Other");
  });
  afterAll(async () => stack?.close());

  const db = () => stack.services.analytics!.ctx.database;
  const anonymous = { "content-type": "application/json" };
  const valid = {
    title: "버튼이 안 눌려요",
    category: "UI",
    priority: "HIGH",
    description: "The like button does nothing on mobile.",
    email: "reader@example.com",
  };
  const file = (body: Record<string, unknown>, headers: Record<string, string> = anonymous) =>
    fetch(`${analytics}/v1/bug-reports`, { method: "POST", headers, body: JSON.stringify(body) });
  const respond = (
    id: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = admin.headers,
  ) =>
    fetch(`${analytics}/v1/bug-reports/${id}/response`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
    });
  const snapshot = async () => JSON.stringify(await db().query("select * from bug_reports order by id"));

  let signedInReport: string;
  let anonymousReport: string;

  it("describes its routes in /openapi.json", async () => {
    const spec = await json(await fetch(`${analytics}/openapi.json`));
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        "/v1/views",
        "/v1/visits",
        "/v1/visitors",
        "/v1/bug-reports",
        "/v1/admin/dashboard",
      ]),
    );
  });

  it("lets anyone file a report and records a signed-in reporter", async () => {
    const anon = await file(valid);
    expect(anon.status).toBe(201);
    const a = await json(anon);
    expect(a).toMatchObject({
      title: valid.title,
      status: "OPEN",
      description: valid.description,
      reporterId: null,
    });
    anonymousReport = a.id;
    // A forged user header does not make an anonymous report someone's.
    const forged = await json(
      await file({ ...valid, email: undefined }, { ...anonymous, "x-user-id": reporter.id }),
    );
    const [forgedRow] = await db().query<{ reporter_id: string | null }>(
      "select reporter_id from bug_reports where id = $1",
      [forged.id],
    );
    expect(forgedRow?.reporter_id).toBeNull();
    const mine = await json(
      await file({ ...valid, priority: undefined, email: undefined }, reporter.headers),
    );
    expect(mine.priority).toBe("MEDIUM");
    signedInReport = mine.id;
    const [row] = await db().query<{ reporter_id: string }>(
      "select reporter_id from bug_reports where id = $1",
      [signedInReport],
    );
    expect(row?.reporter_id).toBe(reporter.id);
  });

  it("refuses bad input, writing nothing", async () => {
    const before = await snapshot();
    const bad: Record<string, unknown>[] = [
      { ...valid, title: "" },
      { ...valid, title: "x".repeat(101) },
      { ...valid, category: "OTHER" },
      { ...valid, priority: "URGENT" },
      { ...valid, description: "" },
      { ...valid, description: "d".repeat(5001) },
      { ...valid, email: "not-an-email" },
      { ...valid, title: 42 },
      { ...valid, status: "CLOSED" },
      { ...valid, reporterId: other.id },
    ];
    for (const body of bad) expect((await file(body)).status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it("hides email and description in the public list; filters by status and pages by cursor", async () => {
    const list = await json(await fetch(`${analytics}/v1/bug-reports?first=100`));
    expect(list.items).toHaveLength(3);
    for (const item of list.items) {
      expect(item).not.toHaveProperty("email");
      expect(item).not.toHaveProperty("description");
    }
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page = await json(
        await fetch(`${analytics}/v1/bug-reports?first=1${after ? `&after=${after}` : ""}`),
      );
      ids.push(...page.items.map((i: { id: string }) => i.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(list.items.map((i: { id: string }) => i.id));
    expect((await fetch(`${analytics}/v1/bug-reports?status=WHATEVER`)).status).toBe(400);
    expect((await fetch(`${analytics}/v1/bug-reports?after=%%%`)).status).toBe(400);
  });

  it("shows the description only to the reporter and admins", async () => {
    const read = async (id: string, headers: Record<string, string> = {}) =>
      json(await fetch(`${analytics}/v1/bug-reports/${id}`, { headers }));
    expect((await read(signedInReport)).description).toBeNull();
    expect((await read(signedInReport, other.headers)).description).toBeNull();
    expect(
      (await read(signedInReport, { "x-user-id": reporter.id, "x-user-role": "ADMIN" })).description,
    ).toBeNull();
    expect((await read(signedInReport, reporter.headers)).description).toBe(valid.description);
    expect((await read(signedInReport, admin.headers)).description).toBe(valid.description);
    const forAdmin = await read(anonymousReport, admin.headers);
    expect(forAdmin.email).toBe(valid.email);
    expect((await read(anonymousReport, reporter.headers)).email).toBeNull();
    expect((await fetch(`${analytics}/v1/bug-reports/no-such-id`)).status).toBe(404);
  });

  it("lets only admins reply and set the status", async () => {
    const before = await snapshot();
    const reply = { reply: "Fixed in the next release", status: "RESOLVED" };
    expect((await respond(signedInReport, reply, anonymous)).status).toBe(401);
    expect((await respond(signedInReport, reply, reporter.headers)).status).toBe(403);
    expect((await respond(signedInReport, reply, other.headers)).status).toBe(403);
    expect(
      (await respond(signedInReport, reply, { ...reporter.headers, "x-user-role": "ADMIN" })).status,
    ).toBe(403);
    expect((await respond(signedInReport, { ...reply, status: "DONE" })).status).toBe(400);
    expect((await respond(signedInReport, { ...reply, reply: "" })).status).toBe(400);
    expect((await respond(signedInReport, { ...reply, extra: 1 })).status).toBe(400);
    expect((await respond("no-such-id", reply)).status).toBe(404);
    expect(await snapshot()).toBe(before);

    const answered = await json(await respond(signedInReport, reply));
    expect(answered).toMatchObject({ status: "RESOLVED", reply: reply.reply });
    expect(answered.repliedAt).not.toBeNull();
    const resolved = await json(await fetch(`${analytics}/v1/bug-reports?status=RESOLVED`));
    expect(resolved.items.map((i: { id: string }) => i.id)).toEqual([signedInReport]);
    expect(resolved.items[0].reply).toBe(reply.reply);
  });

  it("rate-limits anonymous filing", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await file(valid)).status);
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s !== 201 && s !== 429)).toEqual([]);
  });
});
