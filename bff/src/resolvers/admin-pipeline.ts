import type { BffContext, Clients } from "../context";
import type { MutationResolvers, PipelineService, QueryResolvers } from "../generated/graphql";
import { requireAdmin } from "./admin-access";

type Service = keyof Clients;

/** Every service with an outbox and consumers, in the order the console lists them. */
const PIPELINE_SERVICES: Service[] = ["auth", "blog", "content", "page", "analytics", "storage"];

type DeadLetterRecord = {
  id: string;
  queue: string;
  eventId: string;
  type: string;
  envelope: { aggregateId?: string; occurredAt?: string; payload?: unknown } | null;
  error: string;
  attempts: number;
  deadAt: string;
};
type PipelineAnswer = {
  outbox: { backlog: number; oldestPendingAt: string | null };
  deadLetters: DeadLetterRecord[];
};

const unavailableCode = (error: unknown) =>
  (error as { extensions?: { code?: unknown } })?.extensions?.code === "UNAVAILABLE";

async function servicePipeline(ctx: BffContext, service: Service, limit: number) {
  const name = service.toUpperCase() as PipelineService;
  try {
    const answer = await ctx.api<PipelineAnswer>(service, {
      operation: "eventPipeline",
      path: "/v1/admin/event-pipeline",
      query: { limit },
    });
    return {
      service: name,
      available: true,
      outboxBacklog: answer.outbox.backlog,
      oldestPendingAt: answer.outbox.oldestPendingAt,
      deadLetters: answer.deadLetters.map((d) => ({
        id: d.id,
        service: name,
        queue: d.queue,
        eventId: d.eventId,
        type: d.type,
        aggregateId: d.envelope?.aggregateId ?? null,
        occurredAt: d.envelope?.occurredAt ?? null,
        payload: JSON.stringify(d.envelope?.payload ?? null),
        error: d.error,
        attempts: d.attempts,
        deadAt: new Date(d.deadAt).toISOString(),
      })),
    };
  } catch (error) {
    // One service down is what the console is for: show it as such rather than fail the whole screen.
    if (!unavailableCode(error)) throw error;
    return { service: name, available: false, outboxBacklog: null, oldestPendingAt: null, deadLetters: null };
  }
}

const serviceOf = (name: PipelineService) => name.toLowerCase() as Service;
const deadLetterPath = (id: string) => `/v1/admin/dead-letters/${encodeURIComponent(id)}`;

/** The event pipeline console: every service's outbox backlog and dead letters (the kit's routes). */
export const adminPipelineResolvers = {
  Query: {
    eventPipeline: async (_, args, ctx) => {
      requireAdmin(ctx);
      const limit = Math.min(Math.max(args.deadLetterLimit ?? 100, 1), 500);
      const services = await Promise.all(PIPELINE_SERVICES.map((s) => servicePipeline(ctx, s, limit)));
      return {
        services,
        totalBacklog: services.reduce((sum, s) => sum + (s.outboxBacklog ?? 0), 0),
        totalDeadLetters: services.reduce((sum, s) => sum + (s.deadLetters?.length ?? 0), 0),
      };
    },
  } satisfies QueryResolvers,
  Mutation: {
    replayDeadLetter: async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api(serviceOf(args.service), {
        operation: "replayDeadLetter",
        method: "POST",
        path: `${deadLetterPath(args.id)}/replay`,
      });
      return true;
    },
    discardDeadLetter: async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api(serviceOf(args.service), {
        operation: "discardDeadLetter",
        method: "DELETE",
        path: deadLetterPath(args.id),
      });
      return true;
    },
  } satisfies MutationResolvers,
};
