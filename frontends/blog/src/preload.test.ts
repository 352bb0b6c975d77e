import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { homePageQuery } from "./api/browse";
import { commentKeys } from "./api/conversation";
import { postKeys, postQuery } from "./api/posts";
import { preload } from "./preload";

const summary = { id: "p1", slug: "hello", title: "Hello" };
const connection = (nodes: object[]) => ({
  edges: nodes.map((node, i) => ({ cursor: `c${i}`, node })),
  pageInfo: { hasNextPage: false, endCursor: null },
});

/** Answers every GraphQL request with `data`, and records the operation names asked for. */
function answerWith(data: object): string[] {
  const operations: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (_url: string, init: RequestInit) => {
      const { query } = JSON.parse(String(init.body)) as { query: string };
      operations.push(/query (\w+)/.exec(query)?.[1] ?? "?");
      return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
    }),
  );
  return operations;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("blog preload", () => {
  it("asks for the home page on / and keeps the answer where the home screen reads it", async () => {
    const operations = answerWith({
      homePage: { featured: summary, topCategories: [] },
      posts: connection([summary]),
    });
    const queryClient = new QueryClient();
    await preload({ basePath: "/", pathname: "/", queryClient });
    expect(operations).toEqual(["BlogHome"]);
    expect(queryClient.getQueryData(homePageQuery(queryClient).queryKey)).toEqual({
      featured: summary,
      topCategories: [],
    });
    // The latest posts' first page comes with it, as when the screen asks.
    expect(queryClient.getQueryData(postKeys.list())).toMatchObject({ pages: [connection([summary])] });
  });

  it("asks for the post and its first comments on /posts/:slug", async () => {
    const comments = { ...connection([]), totalCount: 0 };
    const operations = answerWith({ post: { ...summary, comments } });
    const queryClient = new QueryClient();
    await preload({ basePath: "/", pathname: "/posts/hello", queryClient });
    expect(operations).toEqual(["BlogPost"]);
    expect(queryClient.getQueryData(postQuery(queryClient, "hello").queryKey)).toEqual(summary);
    expect(queryClient.getQueryData(commentKeys.list("hello"))).toMatchObject({ pages: [comments] });
  });

  it("asks for nothing on the screens it does not know", async () => {
    const operations = answerWith({});
    const queryClient = new QueryClient();
    for (const pathname of ["/categories", "/posts", "/search", "/posts/a/b"]) {
      await preload({ basePath: "/", pathname, queryClient });
    }
    expect(operations).toEqual([]);
    expect(queryClient.getQueryCache().getAll()).toEqual([]);
  });

  it("reads paths below the base path the shell mounted the remote at", async () => {
    const operations = answerWith({
      homePage: { featured: null, topCategories: null },
      posts: connection([]),
    });
    await preload({ basePath: "/blog", pathname: "/blog", queryClient: new QueryClient() });
    expect(operations).toEqual(["BlogHome"]);
  });
});
