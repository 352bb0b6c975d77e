import { DEFAULT_PORTS } from "@quire/service-kit";

/** The backend parts of the stack. They start together: peers fetch auth's keys only when first needed. */
export const BACKEND_COMPONENTS = [
  { name: "auth", entry: "services/auth/src/main.ts", port: DEFAULT_PORTS.auth },
  { name: "blog", entry: "services/blog/src/main.ts", port: DEFAULT_PORTS.blog },
  { name: "content", entry: "services/content/src/main.ts", port: DEFAULT_PORTS.content },
  { name: "page", entry: "services/page/src/main.ts", port: DEFAULT_PORTS.page },
  { name: "analytics", entry: "services/analytics/src/main.ts", port: DEFAULT_PORTS.analytics },
  { name: "storage", entry: "services/storage/src/main.ts", port: DEFAULT_PORTS.storage },
  { name: "bff", entry: "bff/src/main.ts", port: DEFAULT_PORTS.bff },
] as const;

export type ComponentName = (typeof BACKEND_COMPONENTS)[number]["name"];

export const FRONTEND_APPS = [
  { name: "shell", port: 3000 },
  { name: "blog", port: 3100 },
  { name: "admin", port: 3200 },
  { name: "user", port: 3300 },
] as const;

const local = (port: number) => `http://127.0.0.1:${port}`;

/** What the shell forwards, so the browser needs one origin only. */
export const SHELL_PROXIES = [
  { prefix: "/graphql", upstream: local(DEFAULT_PORTS.bff) },
  { prefix: "/v1/images", upstream: local(DEFAULT_PORTS.storage) },
  { prefix: "/sitemap.xml", upstream: local(DEFAULT_PORTS.blog) },
  { prefix: "/rss.xml", upstream: local(DEFAULT_PORTS.blog) },
  { prefix: "/robots.txt", upstream: local(DEFAULT_PORTS.blog) },
  // OpenID Connect redirects land on the site's origin and go on to auth.
  { prefix: "/auth/oidc", upstream: local(DEFAULT_PORTS.auth) },
];
