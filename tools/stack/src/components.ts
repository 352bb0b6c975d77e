import { DEFAULT_PORTS } from "@quire/service-kit";

/** The backend parts of the stack, in start order (auth first: the others verify tokens with its keys). */
export const BACKEND_COMPONENTS = [
  { name: "auth", entry: "services/auth/src/main.ts", port: DEFAULT_PORTS.auth },
  { name: "blog", entry: "services/blog/src/main.ts", port: DEFAULT_PORTS.blog },
  { name: "bff", entry: "bff/src/main.ts", port: DEFAULT_PORTS.bff },
] as const;

export type ComponentName = (typeof BACKEND_COMPONENTS)[number]["name"];

export const FRONTEND_APPS = [
  { name: "shell", port: 3000 },
  { name: "blog", port: 3100 },
  { name: "admin", port: 3200 },
  { name: "user", port: 3300 },
] as const;
