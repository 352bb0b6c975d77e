import type { ServiceDefinition } from "@quire/service-kit";
import { authorReplicaHandlers } from "./events/on-user-changed";
import { registerTaxonomyRoutes } from "./routes/categories";
import { registerPostRoutes } from "./routes/posts";

export function blogService(): ServiceDefinition {
  return {
    name: "blog",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [{ name: "author-replica", handlers: authorReplicaHandlers }],
    routes: (app, ctx) => {
      registerPostRoutes(app, ctx);
      registerTaxonomyRoutes(app, ctx);
    },
  };
}
