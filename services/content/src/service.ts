import type { ServiceDefinition } from "@quire/service-kit";
import { postReplicaHandlers } from "./events/on-post-changed";
import { authorReplicaHandlers } from "./events/on-user-changed";
import { contentReplicas } from "./replicas";
import { registerCommentRoutes } from "./routes/comments";
import { registerConversationRoutes } from "./routes/conversation";
import { registerEngagementRoutes } from "./routes/engagement";

export function contentService(): ServiceDefinition {
  return {
    name: "content",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [
      { name: "post-replica", handlers: postReplicaHandlers },
      { name: "author-replica", handlers: authorReplicaHandlers },
    ],
    replicas: contentReplicas,
    routes: (app, ctx) => {
      registerCommentRoutes(app, ctx);
      registerEngagementRoutes(app, ctx);
      registerConversationRoutes(app, ctx);
    },
  };
}
