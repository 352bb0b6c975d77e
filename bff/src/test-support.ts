import { randomUUID } from "node:crypto";
import type { ServiceName } from "@quire/service-kit";
import { type TestStack, testEnvelope } from "@quire/service-kit/testing";

/** POSTs a GraphQL document to a BFF, anonymous or with a bearer token. */
export function postGraphQL(
  bffUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<Response> {
  return fetch(`${bffUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
}

/** A dead letter as the kit records one: a user event a consumer of `service` gave up on, replayable. */
export async function insertDeadLetter(stack: TestStack, service: ServiceName, queue: string) {
  const userId = randomUUID();
  const envelope = testEnvelope("user.registered", userId, 1, {
    id: userId,
    name: "Replayed Author",
    avatarUrl: null,
    bio: null,
    role: "USER",
    status: "ACTIVE",
  });
  const id = randomUUID();
  await stack.services[service]!.ctx.database.query(
    "insert into dead_letters (id, queue, event_id, type, envelope, error, attempts) values ($1, $2, $3, $4, $5, $6, $7)",
    [id, queue, envelope.id, envelope.type, JSON.stringify(envelope), "handler timed out", 5],
  );
  return { id, userId, envelope };
}
