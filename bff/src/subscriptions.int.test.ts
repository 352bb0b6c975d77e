import { createTestUser, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { type BffServer, startBff } from "./server";

type User = Awaited<ReturnType<typeof createTestUser>>;

/** A GraphQL-over-SSE subscription: yields each `next` event's JSON until closed. */
async function subscribe(url: string, query: string, variables: object = {}, token?: string) {
  const abort = new AbortController();
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "text/event-stream",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal: abort.signal,
  });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  /** The next event's data, or null when the stream ended or nothing came within the wait. */
  const next = async (waitMs = 5_000): Promise<Record<string, unknown> | null> => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const match = /(?:^|\n)event: (\w+)\ndata: (.*)\n\n/.exec(buffered);
      if (match) {
        buffered = buffered.slice(match.index + match[0].length);
        if (match[1] === "complete") return null;
        return JSON.parse(match[2]!);
      }
      const left = deadline - Date.now();
      if (left <= 0) return null;
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), left)),
      ]);
      if (!chunk || chunk.done) return null;
      buffered += chunk.value;
    }
  };
  return { next, close: () => abort.abort() };
}

describe("subscriptions over server-sent events, fed by domain events", () => {
  let stack: TestStack;
  let bff: BffServer;
  let admin: User;
  let reader: User;
  let postId: string;
  let otherPostId: string;

  const comment = (id: string, body: object, user: User) =>
    fetch(`${stack.services.content!.url}/v1/posts/${id}/comments`, {
      method: "POST",
      headers: user.headers,
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    stack = await startTestStack([authService(), blogService(), contentService(), analyticsService()]);
    bff = await startBff({ env: stack.env, port: 0, bus: await stack.broker.connect() });
    admin = await createTestUser(stack, "ADMIN", "Admin");
    reader = await createTestUser(stack, "USER", "Reader");
    const blog = stack.services.blog!.url;
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Live" }),
      }),
    );
    const create = async (title: string) =>
      (
        await json(
          await fetch(`${blog}/v1/posts`, {
            method: "POST",
            headers: admin.headers,
            body: JSON.stringify({ title, contentHtml: "<p>Body</p>", categoryId: category.id }),
          }),
        )
      ).id as string;
    postId = await create("Live post");
    otherPostId = await create("Other post");
    // Content learns of posts and authors by events before it takes comments on them.
    for (let i = 0; i < 100; i++) {
      const res = await fetch(
        `${stack.services.content!.url}/v1/posts/engagement?ids=${postId},${otherPostId}`,
      );
      const ready = (
        await stack.services.content!.ctx.database.query<{ n: number }>(
          "select count(*)::int as n from posts where id in ($1, $2)",
          [postId, otherPostId],
        )
      )[0]!.n;
      if (res.ok && ready === 2) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => {
    await bff?.close();
    await stack?.close();
  });

  it("tells a post's readers of each new comment on that post only, never its text", async () => {
    const live = await subscribe(
      bff.url,
      "subscription($postId: ID!) { commentAdded(postId: $postId) { postId commentId parentId } }",
      { postId },
    );
    try {
      expect((await comment(otherPostId, { content: "elsewhere" }, reader)).status).toBe(201);
      const secret = await json(
        await comment(postId, { content: "for the author only", secret: true }, reader),
      );
      const notice = await live.next();
      // The comment on the other post was not announced here; the secret one was, without its text.
      expect(notice).toEqual({ data: { commentAdded: { postId, commentId: secret.id, parentId: null } } });
      expect(JSON.stringify(notice)).not.toContain("for the author only");

      const reply = await json(await comment(postId, { content: "a reply", parentId: secret.id }, admin));
      expect(await live.next()).toEqual({
        data: { commentAdded: { postId, commentId: reply.id, parentId: secret.id } },
      });
    } finally {
      live.close();
    }
  });

  it("tells admins, and only admins, that the dashboard changed", async () => {
    const anonymous = await subscribe(bff.url, "subscription { dashboardChanged { reason } }");
    const refusedAnonymous = await anonymous.next();
    anonymous.close();
    expect(refusedAnonymous).toMatchObject({ errors: [{ extensions: { code: "UNAUTHENTICATED" } }] });
    const user = await subscribe(bff.url, "subscription { dashboardChanged { reason } }", {}, reader.token);
    const refusedUser = await user.next();
    user.close();
    expect(refusedUser).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });

    const live = await subscribe(bff.url, "subscription { dashboardChanged { reason at } }", {}, admin.token);
    try {
      expect((await comment(postId, { content: "counted on the dashboard" }, reader)).status).toBe(201);
      // Earlier events (the setup's posts and users) may still be announced first: wait for this one.
      const reasons: string[] = [];
      for (let notice = await live.next(); notice; notice = await live.next()) {
        reasons.push(
          (notice as { data: { dashboardChanged: { reason: string } } }).data.dashboardChanged.reason,
        );
        if (reasons.includes("comment.created")) break;
      }
      expect(reasons).toContain("comment.created");
    } finally {
      live.close();
    }
  });
});
