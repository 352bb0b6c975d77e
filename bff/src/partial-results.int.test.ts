import { createServer } from "node:net";
import type { ServiceName } from "@quire/service-kit";
import { createTestUser, eventually, json, startTestStack, type TestStack } from "@quire/service-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyticsService } from "../../services/analytics/src/service";
import { authService } from "../../services/auth/src/service";
import { blogService } from "../../services/blog/src/service";
import { contentService } from "../../services/content/src/service";
import { pageService } from "../../services/page/src/service";
import { startBff } from "./server";

/** A port nothing listens on: calls to it are refused at once, as to a stopped service. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const HOME = `{
  homePage { featured { slug author { name } } latest { slug viewerHasLiked } topCategories { slug } popupNotices { title } }
  sidebar { popularPosts { slug } popularTags { slug } recentComments { content } visitors { today } }
}`;
const POST = (slug: string) => `{
  post(slug: "${slug}") { title author { name } related { slug } comments { totalCount } viewerHasLiked }
}`;

type GraphQLAnswer = {
  data: Record<string, unknown> | null;
  errors?: Array<{ path?: string[]; extensions?: { code?: string; service?: string } }>;
};

describe("partial results: each service stopped in turn", () => {
  let stack: TestStack;
  let slug: string;

  beforeAll(async () => {
    stack = await startTestStack([
      authService(),
      blogService(),
      contentService(),
      pageService(),
      analyticsService(),
    ]);
    const admin = await createTestUser(stack, "ADMIN", "Writer");
    const blog = stack.services.blog!.url;
    const category = await json(
      await fetch(`${blog}/v1/categories`, {
        method: "POST",
        headers: admin.headers,
        body: JSON.stringify({ name: "Standing" }),
      }),
    );
    const created = await fetch(`${blog}/v1/posts`, {
      method: "POST",
      headers: admin.headers,
      body: JSON.stringify({ title: "Still standing", contentHtml: "<p>Body</p>", categoryId: category.id }),
    });
    expect(created.status).toBe(201);
    const post = await json(created);
    // The author's name reaches blog's replica by event.
    await eventually(async () => {
      const r = await json(await fetch(`${blog}/v1/posts/${post.slug}`));
      return r.author?.name === "Writer";
    });
    slug = post.slug;
  });
  afterAll(async () => stack?.close());

  /** Runs a query against a BFF whose peer `down` is unreachable. */
  const askWithout = async (down: ServiceName, query: string) => {
    const env = {
      ...stack.env,
      [`QUIRE_${down.toUpperCase()}_URL`]: `http://127.0.0.1:${await closedPort()}`,
    };
    const bff = await startBff({ env, port: 0 });
    try {
      const res = await fetch(`${bff.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as GraphQLAnswer };
    } finally {
      await bff.close();
    }
  };

  const fieldsIn = (body: GraphQLAnswer) => (body.errors ?? []).map((e) => e.path?.join("."));
  const codesIn = (body: GraphQLAnswer) => [
    ...new Set((body.errors ?? []).map((e) => `${e.extensions?.code}:${e.extensions?.service}`)),
  ];

  it("home page: HTTP 200, only the stopped service's fields missing, each with UNAVAILABLE", async () => {
    const blogDown = await askWithout("blog", HOME);
    expect(blogDown.status).toBe(200);
    expect(codesIn(blogDown.body)).toEqual(["UNAVAILABLE:blog"]);
    expect(fieldsIn(blogDown.body).sort()).toEqual(
      [
        "homePage.featured",
        "homePage.latest",
        "homePage.topCategories",
        "sidebar.popularPosts",
        "sidebar.popularTags",
      ].sort(),
    );
    expect(blogDown.body.data).toMatchObject({
      homePage: { popupNotices: [] },
      sidebar: { recentComments: [] },
    });

    const pageDown = await askWithout("page", HOME);
    expect(pageDown.status).toBe(200);
    expect(codesIn(pageDown.body)).toEqual(["UNAVAILABLE:page"]);
    expect(fieldsIn(pageDown.body)).toEqual(["homePage.popupNotices"]);
    expect(pageDown.body.data).toMatchObject({ homePage: { featured: { slug } } });

    const contentDown = await askWithout("content", HOME);
    expect(contentDown.status).toBe(200);
    expect(codesIn(contentDown.body)).toEqual(["UNAVAILABLE:content"]);
    expect(fieldsIn(contentDown.body)).toContain("sidebar.recentComments");
    expect(contentDown.body.data).toMatchObject({
      homePage: { featured: { slug, author: { name: "Writer" } } },
    });

    const analyticsDown = await askWithout("analytics", HOME);
    expect(analyticsDown.status).toBe(200);
    expect(codesIn(analyticsDown.body)).toEqual(["UNAVAILABLE:analytics"]);
    expect(fieldsIn(analyticsDown.body)).toEqual(["sidebar.visitors"]);

    // Authors come from blog's replica: the home page does not need auth, nor storage, at all.
    for (const down of ["auth", "storage"] as const) {
      const answer = await askWithout(down, HOME);
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toMatchObject({ homePage: { featured: { author: { name: "Writer" } } } });
    }
  });

  it("post page: HTTP 200 with the post when only another service is down; UNAVAILABLE names the one", async () => {
    const contentDown = await askWithout("content", POST(slug));
    expect(contentDown.status).toBe(200);
    expect(codesIn(contentDown.body)).toEqual(["UNAVAILABLE:content"]);
    expect(fieldsIn(contentDown.body).sort()).toEqual(["post.comments", "post.viewerHasLiked"]);
    expect(contentDown.body.data).toMatchObject({
      post: { title: "Still standing", author: { name: "Writer" } },
    });

    const blogDown = await askWithout("blog", POST(slug));
    expect(blogDown.status).toBe(200);
    expect(codesIn(blogDown.body)).toEqual(["UNAVAILABLE:blog"]);
    expect(blogDown.body.data).toEqual({ post: null });

    for (const down of ["auth", "page", "analytics", "storage"] as const) {
      const answer = await askWithout(down, POST(slug));
      expect(answer.status).toBe(200);
      expect(answer.body.errors).toBeUndefined();
      expect(answer.body.data).toMatchObject({
        post: { title: "Still standing", comments: { totalCount: 0 } },
      });
    }
  });
});
