import type { AuthResponse, PostDetail, UserResponse } from "@quire/contracts";
import type { Identity } from "@quire/service-kit";
import DataLoader from "dataloader";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import { isNotFound, type ServiceClient } from "./clients/service-client";
import type { SessionCookie } from "./session-cookie";

export interface Clients {
  auth: ServiceClient;
  blog: ServiceClient;
}

/** Per-request state: the verified identity and a fresh set of DataLoaders (never shared across requests). */
export interface BffContext {
  identity: Identity | null;
  tokenRejected: boolean;
  /** The refresh cookie of this request, and a way to set or clear it on the response. */
  session: SessionCookie;
  clients: Clients;
  loaders: ReturnType<typeof createLoaders>;
}

export function createLoaders(clients: Clients, identity: Identity | null) {
  return {
    postBySlug: new DataLoader<string, PostDetail | null>(async (slugs) =>
      Promise.all(
        slugs.map((slug) =>
          clients.blog
            .request<PostDetail>({
              operation: "post",
              path: `/v1/posts/${encodeURIComponent(slug)}`,
              token: identity?.token,
            })
            .catch((error: unknown) => {
              if (isNotFound(error)) return null;
              throw error;
            }),
        ),
      ),
    ),
    me: new DataLoader<string, UserResponse>(async (ids) =>
      Promise.all(
        ids.map(() =>
          clients.auth.request<UserResponse>({ operation: "me", path: "/v1/me", token: identity?.token }),
        ),
      ),
    ),
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

export type { AuthResponse };
