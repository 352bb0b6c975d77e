import { type Env, stackPorts } from "@quire/service-kit";

export type ComponentName = "auth" | "blog" | "content" | "page" | "analytics" | "storage" | "bff";

export interface BackendEntry {
  name: ComponentName;
  /** The TypeScript entry, from the repository root. */
  entry: string;
  /** Whether it owns a database (a PGlite data dir under the data dir, in the embedded mode). */
  database: boolean;
  /**
   * Its worker's V8 young generation in the embedded mode. 16 MB keeps seven workers' heaps small; the BFF
   * builds a GraphQL execution and its answer for every request, and in 16 MB it spent a seventh of its
   * thread scavenging, and V8's helper threads as much again, under the uncached post page.
   */
  youngGenerationMb: number;
}

const service = (name: ComponentName, entry: string): BackendEntry => ({
  name,
  entry,
  database: true,
  youngGenerationMb: 16,
});

export const BACKEND_ENTRIES: ReadonlyArray<BackendEntry> = [
  service("auth", "services/auth/src/main.ts"),
  service("blog", "services/blog/src/main.ts"),
  service("content", "services/content/src/main.ts"),
  service("page", "services/page/src/main.ts"),
  service("analytics", "services/analytics/src/main.ts"),
  service("storage", "services/storage/src/main.ts"),
  { name: "bff", entry: "bff/src/main.ts", database: false, youngGenerationMb: 48 },
];

/** The backend parts of the stack. They start together: peers fetch auth's keys only when first needed. */
export function backendComponents(env: Env = process.env) {
  const ports = stackPorts(env);
  return BACKEND_ENTRIES.map((c) => ({ ...c, port: ports[c.name] }));
}

/** The shell and its remotes, each on its own port as they would be deployed. */
export function frontendApps(env: Env = process.env) {
  const shell = stackPorts(env).shell;
  return [
    { name: "shell", port: shell },
    { name: "blog", port: shell + 100 },
    { name: "admin", port: shell + 200 },
    { name: "user", port: shell + 300 },
  ] as const;
}

const local = (port: number) => `http://127.0.0.1:${port}`;

/** What the shell forwards, so the browser needs one origin only. */
export function shellProxies(env: Env = process.env) {
  const ports = stackPorts(env);
  return [
    { prefix: "/graphql", upstream: local(ports.bff) },
    { prefix: "/v1/images", upstream: local(ports.storage) },
    { prefix: "/sitemap.xml", upstream: local(ports.blog) },
    { prefix: "/rss.xml", upstream: local(ports.blog) },
    { prefix: "/robots.txt", upstream: local(ports.blog) },
    // OpenID Connect redirects land on the site's origin and go on to auth.
    { prefix: "/auth/oidc", upstream: local(ports.auth) },
  ];
}
