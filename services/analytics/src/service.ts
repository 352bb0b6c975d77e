import type { ServiceDefinition } from "@quire/service-kit";
import { engagementHandlers } from "./events/on-engagement-changed";
import { postReplicaHandlers } from "./events/on-post-changed";
import { userHandlers } from "./events/on-user-registered";
import { analyticsReplicas } from "./replicas";
import { registerBugReportRoutes } from "./routes/bug-reports";
import { registerDashboardRoutes } from "./routes/dashboard";
import { registerViewRoutes } from "./routes/views";
import { registerVisitRoutes } from "./routes/visits";
import { type AnalyticsOptions, siteSettings } from "./site/settings";

export function analyticsService(options: AnalyticsOptions = {}): ServiceDefinition {
  return {
    name: "analytics",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [
      { name: "post-replica", handlers: postReplicaHandlers },
      { name: "engagement", handlers: engagementHandlers },
      { name: "users", handlers: userHandlers },
    ],
    replicas: analyticsReplicas,
    routes: (app, ctx) => {
      const site = siteSettings(ctx, options);
      registerViewRoutes(app, ctx, site);
      registerVisitRoutes(app, ctx, site);
      registerBugReportRoutes(app, ctx);
      registerDashboardRoutes(app, ctx, site);
    },
  };
}
