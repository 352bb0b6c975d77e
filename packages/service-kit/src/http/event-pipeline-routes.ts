import { z } from "zod";
import type { Bus } from "../bus/types";
import type { Database } from "../db/database";
import { notFound } from "../errors";
import { discardDeadLetter, listDeadLetters, replayDeadLetter } from "../inbox/consumer";
import type { OutboxRelay } from "../outbox/relay";
import { type App, requireAdmin } from "./create-service";

const idParams = z.object({ id: z.string().min(1).max(100) });

/**
 * The admin's view of a service's event pipeline, the same in every service: outbox backlog and dead letters
 * (with payload and error), and replay or discard of a dead letter.
 */
export function registerEventPipelineRoutes(
  app: App,
  service: string,
  deps: { database: Database; bus: Bus; relay: OutboxRelay },
): void {
  app.get(
    "/v1/admin/event-pipeline",
    { schema: { querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) } },
    async (req) => {
      requireAdmin(req);
      const [backlog, deadLetters] = await Promise.all([
        deps.relay.backlog(),
        listDeadLetters(deps.database, req.query.limit),
      ]);
      const [oldest] = await deps.database.query<{ at: string | null }>(
        "select min(o.occurred_at) as at from outbox o join outbox_pending p on p.seq = o.seq",
      );
      return {
        service,
        outbox: { backlog, oldestPendingAt: oldest?.at ? new Date(oldest.at).toISOString() : null },
        deadLetters,
      };
    },
  );

  app.post("/v1/admin/dead-letters/:id/replay", { schema: { params: idParams } }, async (req) => {
    requireAdmin(req);
    if (!(await replayDeadLetter(deps.database, deps.bus, req.params.id)))
      throw notFound("No such dead letter");
    return { replayed: req.params.id };
  });

  app.delete("/v1/admin/dead-letters/:id", { schema: { params: idParams } }, async (req) => {
    requireAdmin(req);
    if (!(await discardDeadLetter(deps.database, req.params.id))) throw notFound("No such dead letter");
    return { discarded: req.params.id };
  });
}
