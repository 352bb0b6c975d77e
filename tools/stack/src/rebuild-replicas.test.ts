import { describe, expect, it } from "vitest";
import { parseSelectors, rebuildReplicas } from "./rebuild-replicas";

const REPLICAS: Record<string, { name: string; producer: string }[]> = {
  auth: [],
  blog: [
    { name: "authors", producer: "auth" },
    { name: "engagement", producer: "content" },
  ],
  content: [{ name: "authors", producer: "auth" }],
  page: [],
  analytics: [{ name: "posts", producer: "blog" }],
  storage: [],
};

/** A fake stack: `down` services refuse connections, `failing` replicas answer 503. */
function fakeStack(down: string[] = [], failing: string[] = []) {
  const calls: string[] = [];
  const fetchFake = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const service = url.hostname.split(".")[0]!;
    calls.push(`${init?.method ?? "GET"} ${service}${url.pathname}`);
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (headers["x-service-token"] !== "token") {
      return Response.json({ error: { message: "A service credential is required" } }, { status: 403 });
    }
    if (down.includes(service)) throw new TypeError("fetch failed");
    if (url.pathname === "/internal/replicas") return Response.json({ service, replicas: REPLICAS[service] });
    const name = url.pathname.split("/")[3]!;
    if (failing.includes(`${service}.${name}`)) {
      return Response.json({ error: { message: "auth is unavailable" } }, { status: 503 });
    }
    return Response.json({ replica: name, applied: name.length });
  }) as typeof fetch;
  return { calls, fetchFake };
}

async function run(selectors: string[], stack = fakeStack(), token = "token") {
  const lines: string[] = [];
  const ok = await rebuildReplicas({
    selectors,
    serviceToken: token,
    serviceUrl: (service) => `http://${service}.test`,
    print: (line) => lines.push(line),
    fetch: stack.fetchFake,
  });
  return { ok, lines, calls: stack.calls };
}

describe("replicas:rebuild", () => {
  it("rebuilds every replica of every service by default, one line each", async () => {
    const { ok, lines } = await run([]);
    expect(ok).toBe(true);
    expect(lines).toEqual([
      "blog.authors: 7 applied",
      "blog.engagement: 10 applied",
      "content.authors: 7 applied",
      "analytics.posts: 5 applied",
    ]);
  });

  it("rebuilds only the named service or replica", async () => {
    expect((await run(["blog"])).lines).toEqual(["blog.authors: 7 applied", "blog.engagement: 10 applied"]);
    const one = await run(["blog.authors"]);
    expect(one.lines).toEqual(["blog.authors: 7 applied"]);
    expect(one.calls).toEqual(["GET blog/internal/replicas", "POST blog/internal/replicas/authors/rebuild"]);
    expect((await run(["blog.authors", "blog"])).lines).toHaveLength(2);
  });

  it("fails on an unknown replica, a failed rebuild, an unreachable service or a refused credential", async () => {
    const unknown = await run(["blog.readers"]);
    expect(unknown.ok).toBe(false);
    expect(unknown.lines).toEqual([
      "blog.readers: failed: no such replica (blog keeps: authors, engagement)",
    ]);

    const failed = await run(["blog"], fakeStack([], ["blog.authors"]));
    expect(failed.ok).toBe(false);
    expect(failed.lines).toEqual([
      "blog.authors: failed: 503 auth is unavailable",
      "blog.engagement: 10 applied",
    ]);

    const down = await run(["content", "blog.authors"], fakeStack(["content"]));
    expect(down.ok).toBe(false);
    expect(down.lines).toEqual([
      "content: failed: content is unreachable at http://content.test (fetch failed)",
      "blog.authors: 7 applied",
    ]);

    const refused = await run(["blog"], fakeStack(), "wrong");
    expect(refused.ok).toBe(false);
    expect(refused.lines).toEqual(["blog: failed: 403 A service credential is required"]);
  });

  it("refuses a selector that names no service", () => {
    expect(() => parseSelectors(["bff"])).toThrow(/services: auth, blog/);
    expect(() => parseSelectors(["blog."])).toThrow();
    expect(() => parseSelectors(["blog.authors.extra"])).toThrow();
    expect(parseSelectors(["blog.authors"])).toEqual([{ service: "blog", replica: "authors" }]);
  });
});
