import { conversationQuery, conversationResponse } from "@quire/contracts";
import type { App, ServiceContext } from "@quire/service-kit";
import { viewerOf } from "../comments/view";
import { threadsOf } from "./comments";
import { engagementOf } from "./engagement";

/** The read stamp of what an anonymous reader sees under a post (migrations/0002_conversation_stamp.sql). */
const CONVERSATION_STAMP = "conversation";

/**
 * `GET /v1/conversation?ids=..&commentsOf=..`: a post page's engagement and comments together, so the BFF
 * calls content once for the page. The separate routes stay for screens that need only one of them.
 */
export function registerConversationRoutes(app: App, ctx: ServiceContext): void {
  app.get(
    "/v1/conversation",
    { schema: { querystring: conversationQuery, response: { 200: conversationResponse } } },
    async (req) => {
      const { ids, commentsOf, first, after } = req.query;
      const answer = async () => {
        const [engagement, comments] = await Promise.all([
          ids?.length ? engagementOf(ctx.db, ids, req.identity?.userId) : [],
          commentsOf ? threadsOf(ctx.db, commentsOf, viewerOf(req), { first, after }) : null,
        ]);
        return { engagement, comments };
      };
      // A signed-in reader sees their own likes, bookmarks, secret comments and pending ones: never kept.
      if (req.identity) return answer();
      const key = JSON.stringify([ids ?? [], commentsOf ?? null, first, after ?? null]);
      return ctx.reads.read(CONVERSATION_STAMP, key, answer);
    },
  );
}
