import { z } from "zod";
import { notFound } from "../errors";
import type { App, ServiceContext } from "../http/create-service";
import { type ReplicaDefinition, rebuildReplica } from "./rebuild";

const nameParams = z.object({ name: z.string().min(1).max(100) });

/**
 * The service's rebuildable replicas, and the rebuild of one from its producer's snapshot. Under
 * `/internal/*`, so only callers with the service credential (the `replicas:rebuild` command) reach them.
 */
export function registerReplicaRoutes(app: App, ctx: ServiceContext, replicas: ReplicaDefinition[]): void {
  app.get("/internal/replicas", { schema: { hide: true } }, async () => ({
    service: ctx.name,
    replicas: replicas.map((r) => ({ name: r.name, producer: r.producer })),
  }));

  app.post(
    "/internal/replicas/:name/rebuild",
    { schema: { hide: true, params: nameParams } },
    async (req) => {
      const replica = replicas.find((r) => r.name === req.params.name);
      if (!replica) throw notFound(`No replica named ${req.params.name} in ${ctx.name}`);
      // A producer that is down surfaces as callInternal's 503, naming the producer.
      return rebuildReplica(ctx, replica);
    },
  );
}
