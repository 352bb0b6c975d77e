import { type Env, stackPorts } from "@quire/service-kit";

export type ComponentName = "auth" | "blog" | "content" | "page" | "analytics" | "storage" | "bff";

/** Each backend component's TypeScript entry, from the repository root. */
export const BACKEND_ENTRIES: ReadonlyArray<{ name: ComponentName; entry: string }> = [
  { name: "auth", entry: "services/auth/src/main.ts" },
  { name: "blog", entry: "services/blog/src/main.ts" },
  { name: "content", entry: "services/content/src/main.ts" },
  { name: "page", entry: "services/page/src/main.ts" },
  { name: "analytics", entry: "services/analytics/src/main.ts" },
  { name: "storage", entry: "services/storage/src/main.ts" },
  { name: "bff", entry: "bff/src/main.ts" },
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
