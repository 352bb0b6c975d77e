import type { PostPageDetailResponse, UserResponse } from "@quire/contracts";
import type { Identity, ServiceName } from "@quire/service-kit";
import DataLoader from "dataloader";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import { isNotFound, type RequestOptions, type ServiceClient } from "./clients/service-client";
import type { SessionCookie } from "./session-cookie";

export type Clients = Record<Exclude<ServiceName, "bff" | "storage">, ServiceClient>;

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
}

export interface Engagement {
  postId: string;
  likeCount: number;
  commentCount: number;
  liked?: boolean;
  bookmarked?: boolean;
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
    /** Likes, comment counts and the viewer's flags of many posts: one call to content per request. */
    engagement: new DataLoader<string, Engagement | null>(async (ids) => {
      const { items } = await api<{ items: Engagement[] }>("content", {
        operation: "engagement",
        path: "/v1/posts/engagement",
        query: { ids: ids.join(",") },
      });
      const byId = new Map(items.map((e) => [e.postId, e]));
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
