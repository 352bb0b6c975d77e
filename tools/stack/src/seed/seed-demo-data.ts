import { DEMO_AUTHORS, DEMO_CATEGORIES, DEMO_POSTS, demoPostHtml } from "./demo-content";

export interface SeedTargets {
  authUrl: string;
  blogUrl: string;
  serviceToken: string;
  adminPassword: string;
}

async function call<T>(url: string, init: RequestInit & { json?: unknown }, expected: number[]): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...(init.headers ?? {}) },
    body: init.json === undefined ? null : JSON.stringify(init.json),
  });
  if (!expected.includes(res.status))
    throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Whether readers see any post already: demo data goes only into an empty blog. */
export async function blogHasPosts(blogUrl: string): Promise<boolean> {
  const page = await call<{ items: unknown[] }>(`${blogUrl}/v1/posts?first=1`, {}, [200]);
  return page.items.length > 0;
}

/**
 * Seeds a fresh site through the services' own APIs, so every event flows as in real use: the admin and a
 * second author, categories, and posts spread over the last weeks.
 */
export async function seedDemoData(t: SeedTargets): Promise<{ posts: number }> {
  const tokens = new Map<string, string>();
  for (const author of DEMO_AUTHORS) {
    await call(
      `${t.authUrl}/internal/users`,
      {
        method: "POST",
        headers: { "x-service-token": t.serviceToken },
        json: { email: author.email, password: t.adminPassword, name: author.name, role: "ADMIN" },
      },
      [201, 409],
    );
    const login = await call<{ accessToken: string }>(
      `${t.authUrl}/v1/login`,
      { method: "POST", json: { email: author.email, password: t.adminPassword } },
      [200],
    );
    tokens.set(author.key, login.accessToken);
  }
  const owner = { authorization: `Bearer ${tokens.get("owner")}` };
  const existing = await call<Array<{ id: string; name: string }>>(`${t.blogUrl}/v1/categories`, {}, [200]);
  const categoryIds = new Map(existing.map((c) => [c.name, c.id]));
  for (const name of DEMO_CATEGORIES) {
    if (categoryIds.has(name)) continue;
    const c = await call<{ id: string }>(
      `${t.blogUrl}/v1/categories`,
      { method: "POST", headers: owner, json: { name } },
      [201],
    );
    categoryIds.set(name, c.id);
  }
  const now = Date.now();
  for (const [i, post] of DEMO_POSTS.entries()) {
    await call(
      `${t.blogUrl}/v1/posts`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.get(post.author)}` },
        json: {
          title: post.title,
          contentHtml: demoPostHtml(post),
          excerpt: post.paragraphs[0],
          categoryId: categoryIds.get(post.category),
          tags: post.tags,
          status: "PUBLIC",
          // Oldest first, a day and a bit apart, the last one newest.
          publishedAt: new Date(now - (DEMO_POSTS.length - i) * 26 * 3600_000).toISOString(),
        },
      },
      [201],
    );
  }
  return { posts: DEMO_POSTS.length };
}
