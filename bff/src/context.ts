import type {
  AuthorCards,
  ConversationResponse,
  FrontPagePart,
  FrontPageResponse,
  PostPageDetailResponse,
  UserResponse,
} from "@quire/contracts";
import type { Identity, ServiceName } from "@quire/service-kit";
import DataLoader from "dataloader";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import { isNotFound, type RequestOptions, type ServiceClient } from "./clients/service-client";
import type { LiveEvents } from "./live-events";
import type { SessionCookie } from "./session-cookie";

export type Clients = Record<Exclude<ServiceName, "bff">, ServiceClient>;

/** Calls a service as this request's caller: their token and address go along. */
export type Api = <T>(
  service: keyof Clients,
  options: Omit<RequestOptions, "token" | "forwardedFor">,
) => Promise<T>;

/** Per-request state: the verified identity, bound clients and a fresh set of DataLoaders (never shared). */
export interface BffContext {
  identity: Identity | null;
  tokenRejected: boolean;
  /** The refresh cookie of this request, and a way to set or clear it on the response. */
  session: SessionCookie;
  clients: Clients;
  api: Api;
  loaders: ReturnType<typeof createLoaders>;
  /**
   * Where post authors come from: the replica blog keeps (the default: no call), or auth itself
   * (`BFF_AUTHOR_SOURCE=auth`, a composition mode kept to compare the two in benchmarks).
   */
  authorSource: "replica" | "auth";
  /** Subscription notices fed by domain events. */
  live: LiveEvents;
}

export interface Engagement {
  postId: string;
  likeCount: number;
  commentCount: number;
  liked?: boolean;
  bookmarked?: boolean;
}

export type CommentPage = NonNullable<ConversationResponse["comments"]>;

/** What a post page asks content: one post's engagement, or one page of one post's comments. */
export type ConversationKey =
  | { kind: "engagement"; postId: string }
  | { kind: "comments"; postId: string; first: number; after: string | null };

const conversationKeyId = (key: ConversationKey) =>
  key.kind === "engagement" ? `e:${key.postId}` : `c:${key.postId}:${key.first}:${key.after ?? ""}`;

/**
 * One call for every engagement asked for and the first comment page asked for; any further comment page
 * (a screen asks for one) costs a call of its own.
 */
async function loadConversation(api: Api, keys: readonly ConversationKey[]) {
  const ids = keys.filter((k) => k.kind === "engagement").map((k) => k.postId);
  const pages = keys.filter(
    (k): k is Extract<ConversationKey, { kind: "comments" }> => k.kind === "comments",
  );
  const calls = (pages.length ? pages : [null]).map((page, i) =>
    api<ConversationResponse>("content", {
      operation: "conversation",
      path: "/v1/conversation",
      query: {
        ids: i === 0 && ids.length ? ids.join(",") : undefined,
        ...(page ? { commentsOf: page.postId, first: page.first, after: page.after ?? undefined } : {}),
      },
    }),
  );
  const answers = await Promise.all(calls);
  const engagement = new Map((answers[0]?.engagement ?? []).map((e) => [e.postId, e]));
  return keys.map((key) =>
    key.kind === "engagement"
      ? (engagement.get(key.postId) ?? null)
      : (answers[pages.indexOf(key)]?.comments ?? null),
  );
}

export function createApi(clients: Clients, identity: Identity | null, forwardedFor: string): Api {
  return (service, options) => clients[service].request({ ...options, token: identity?.token, forwardedFor });
}

export function createLoaders(api: Api, identity: Identity | null) {
  return {
    postBySlug: new DataLoader<string, PostPageDetailResponse | null>(async (slugs) =>
      Promise.all(
        slugs.map((slug) =>
          api<PostPageDetailResponse>("blog", {
            operation: "post",
            path: `/v1/posts/${encodeURIComponent(slug)}`,
          }).catch((error: unknown) => {
            if (isNotFound(error)) return null;
            throw error;
          }),
        ),
      ),
    ),
    /**
     * The home page's and the sidebar's blog parts (featured, latest, ...): however many of them an operation
     * asks for, one call to blog.
     */
    frontPage: new DataLoader<FrontPagePart, unknown>(async (parts) => {
      const answer = await api<FrontPageResponse>("blog", {
        operation: "frontPage",
        path: "/v1/front-page",
        query: { parts: parts.join(",") },
      });
      return parts.map((part) => answer[part] ?? null);
    }),
    /**
     * Content's part of a post page: the viewer's likes and bookmarks of any posts on it and one post's
     * comments, in one call to content.
     */
    conversation: new DataLoader<ConversationKey, Engagement | CommentPage | null, string>(
      async (keys) => loadConversation(api, keys),
      { cacheKeyFn: conversationKeyId, maxBatchSize: 100 },
    ),
    /** Author cards from auth itself, for the composition mode (`BFF_AUTHOR_SOURCE=auth`). */
    authorFromAuth: new DataLoader<string, AuthorCards["items"][number] | null>(async (ids) => {
      const { items } = await api<AuthorCards>("auth", {
        operation: "authors",
        path: "/v1/authors",
        query: { ids: ids.join(",") },
      });
      const byId = new Map(items.map((a) => [a.id, a]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    me: new DataLoader<string, UserResponse>(async (ids) =>
      Promise.all(ids.map(() => api<UserResponse>("auth", { operation: "me", path: "/v1/me" }))),
    ),
    identity,
  };
}

export function requireIdentity(ctx: BffContext): Identity {
  if (!ctx.identity) {
    throw createGraphQLError(
      ctx.tokenRejected ? "Your session has expired; sign in again" : "Sign in first",
      {
        extensions: { code: "UNAUTHENTICATED" },
      },
    );
  }
  return ctx.identity;
}
