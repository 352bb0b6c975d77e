import { z } from "zod";

/** Every message on the bus has this shape; the routing key is `type`. */
export const eventEnvelopeSchema = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  version: z.number().int().positive(),
  aggregateId: z.string().min(1),
  /** Monotonic per aggregate: consumers ignore an event older than what they already hold. */
  aggregateVersion: z.number().int().nonnegative(),
  occurredAt: z.string(),
  traceparent: z.string().nullable(),
  payload: z.unknown(),
});

export type EventEnvelope<P = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, "payload"> & {
  payload: P;
};
