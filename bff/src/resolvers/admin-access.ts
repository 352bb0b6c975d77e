import type { Identity } from "@quire/service-kit";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import { type BffContext, requireIdentity } from "../context";

/**
 * Refuses a non-admin before any upstream call. The services check the role again from the token they verify
 * (a role change revokes older tokens there), so this only saves the round trip and keeps the codes uniform.
 */
export function requireAdmin(ctx: BffContext): Identity {
  const identity = requireIdentity(ctx);
  if (identity.role !== "ADMIN") {
    throw createGraphQLError("This needs an admin", { extensions: { code: "FORBIDDEN" } });
  }
  return identity;
}

export function badUserInput(message: string) {
  return createGraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

export type PageArgs = { first?: number | null; after?: string | null };

/** A page size within what the services accept (1-100). */
export const pageQuery = (args: PageArgs, fallback = 20) => ({
  first: Math.min(Math.max(args.first ?? fallback, 1), 100),
  after: args.after ?? undefined,
});

/**
 * A connection over a list a service answers whole (backups, orphans): the cursor is the id of the last item
 * seen, so the next page starts after it. An unknown cursor is bad input rather than the first page again.
 */
export function sliceConnection<T extends { id: string }>(items: T[], args: PageArgs, fallback = 20) {
  const { first, after } = pageQuery(args, fallback);
  let start = 0;
  if (after !== undefined) {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) throw badUserInput("Invalid cursor");
    start = index + 1;
  }
  const page = items.slice(start, start + first);
  return {
    edges: page.map((node) => ({ cursor: node.id, node })),
    pageInfo: { hasNextPage: start + first < items.length, endCursor: page.at(-1)?.id ?? null },
  };
}
