import type { EventEnvelope } from "@quire/contracts";
import { type Bus, topicMatches } from "@quire/service-kit";
import { createPubSub } from "graphql-yoga";

export const LIVE_QUEUE = "bff.live";
/** What the admin dashboard counts: posts, comments, likes, views and sign-ups. */
const DASHBOARD_EVENTS = ["post.#", "comment.#", "like.toggled", "user.registered"];
export const LIVE_BINDINGS = [...new Set(["comment.created", ...DASHBOARD_EVENTS])];

/** A dashboard open through a burst of events refetches at most this often. */
export const DASHBOARD_NOTICE_INTERVAL_MS = 1_000;

export interface CommentAdded {
  postId: string;
  commentId: string;
  parentId: string | null;
  at: string;
}

export interface DashboardChange {
  reason: string;
  at: string;
}

export type LiveTopics = {
  commentAdded: [postId: string, payload: CommentAdded];
  dashboardChanged: [payload: DashboardChange];
};

export type LiveEvents = ReturnType<typeof createLiveEvents>;

/**
 * Domain events turned into subscription notices. Notices name what changed and carry no content, so a
 * secret or held comment is never pushed to a subscriber: the page refetches what its viewer may see.
 */
export function createLiveEvents() {
  const pubsub = createPubSub<LiveTopics>();
  let lastDashboardNotice = 0;
  let pendingDashboardNotice: NodeJS.Timeout | null = null;

  let latestReason = "";

  /** Events within the interval share one notice, which names the latest of them. */
  const noticeDashboard = (reason: string) => {
    latestReason = reason;
    const wait = lastDashboardNotice + DASHBOARD_NOTICE_INTERVAL_MS - Date.now();
    if (pendingDashboardNotice) return;
    const send = () => {
      pendingDashboardNotice = null;
      lastDashboardNotice = Date.now();
      pubsub.publish("dashboardChanged", { reason: latestReason, at: new Date().toISOString() });
    };
    if (wait <= 0) send();
    else pendingDashboardNotice = setTimeout(send, wait);
  };

  const handle = (event: EventEnvelope) => {
    if (event.type === "comment.created") {
      const payload = event.payload as { postId: string; comment: { id: string; parentId: string | null } };
      pubsub.publish("commentAdded", payload.postId, {
        postId: payload.postId,
        commentId: payload.comment.id,
        parentId: payload.comment.parentId,
        at: event.occurredAt,
      });
    }
    if (DASHBOARD_EVENTS.some((pattern) => topicMatches(pattern, event.type))) noticeDashboard(event.type);
  };

  return {
    pubsub,
    handle,
    /** Feeds the notices from the broker. A redelivered event repeats a notice: harmless, it only refetches. */
    subscribe: (bus: Bus) =>
      bus.subscribe({
        queue: LIVE_QUEUE,
        bindings: LIVE_BINDINGS,
        handler: async ({ envelope }) => handle(envelope),
      }),
    close: () => {
      if (pendingDashboardNotice) clearTimeout(pendingDashboardNotice);
    },
  };
}
