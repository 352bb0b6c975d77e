import type { ServiceDefinition } from "@quire/service-kit";
import { engagementCounterHandlers, viewCounterHandlers } from "./events/on-engagement-changed";
import { authorReplicaHandlers } from "./events/on-user-changed";
import { blogReplicas } from "./replicas";
import { registerAdminDashboardRoutes } from "./routes/admin-dashboard";
import { registerTaxonomyRoutes } from "./routes/categories";
import { registerDraftRoutes } from "./routes/drafts";
import { registerFrontPageRoutes } from "./routes/front-page";
import { registerInternalRoutes } from "./routes/internal";
import { registerPostRoutes } from "./routes/posts";
import { registerSearchRoutes } from "./routes/search";
import { registerFeedRoutes } from "./seo/feeds";

export function blogService(): ServiceDefinition {
  return {
    name: "blog",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [
      { name: "author-replica", handlers: authorReplicaHandlers },
      { name: "view-counter", handlers: viewCounterHandlers },
      { name: "engagement-counter", handlers: engagementCounterHandlers },
    ],
    replicas: blogReplicas,
    routes: (app, ctx) => {
      registerPostRoutes(app, ctx);
      registerFrontPageRoutes(app, ctx);
      registerDraftRoutes(app, ctx);
      registerSearchRoutes(app, ctx);
      registerTaxonomyRoutes(app, ctx);
      registerFeedRoutes(app, ctx);
      registerInternalRoutes(app, ctx);
      registerAdminDashboardRoutes(app, ctx);
    },
  };
}
