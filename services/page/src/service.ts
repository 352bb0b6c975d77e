import type { ServiceDefinition } from "@quire/service-kit";
import { registerNoticeRoutes } from "./routes/notices";
import { registerStaticPageRoutes } from "./routes/static-pages";

export function pageService(): ServiceDefinition {
  return {
    name: "page",
    migrations: new URL("../migrations/", import.meta.url),
    routes: (app, ctx) => {
      registerNoticeRoutes(app, ctx);
      registerStaticPageRoutes(app, ctx);
    },
  };
}
