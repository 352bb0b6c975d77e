import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export type PipelineService = "AUTH" | "BLOG" | "CONTENT" | "PAGE" | "ANALYTICS" | "STORAGE";

export interface DeadLetter {
  id: string;
  service: PipelineService;
  queue: string;
  eventId: string;
  type: string;
  aggregateId: string | null;
  occurredAt: string | null;
  payload: string;
  error: string;
  attempts: number;
  deadAt: string;
}

export interface ServicePipeline {
  service: PipelineService;
  available: boolean;
  outboxBacklog: number | null;
  oldestPendingAt: string | null;
  deadLetters: DeadLetter[] | null;
}

export interface EventPipeline {
  services: ServicePipeline[];
  totalBacklog: number;
  totalDeadLetters: number;
}

const PIPELINE = /* GraphQL */ `
  query AdminEventPipeline($deadLetterLimit: Int!) {
    eventPipeline(deadLetterLimit: $deadLetterLimit) {
      totalBacklog
      totalDeadLetters
      services {
        service available outboxBacklog oldestPendingAt
        deadLetters { id service queue eventId type aggregateId occurredAt payload error attempts deadAt }
      }
    }
  }
`;

const REPLAY = /* GraphQL */ `
  mutation AdminReplayDeadLetter($service: PipelineService!, $id: ID!) {
    replayDeadLetter(service: $service, id: $id)
  }
`;

const DISCARD = /* GraphQL */ `
  mutation AdminDiscardDeadLetter($service: PipelineService!, $id: ID!) {
    discardDeadLetter(service: $service, id: $id)
  }
`;

/** The console's snapshot; `limit` grows with "Load more" (the contract lists dead letters up to a limit). */
export function useEventPipeline(limit: number) {
  return useQuery({
    queryKey: ["admin", "event-pipeline", limit],
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ eventPipeline: EventPipeline }, { deadLetterLimit: number }>(
          PIPELINE,
          { deadLetterLimit: limit },
          { signal },
        )
      ).eventPipeline,
    placeholderData: (previous) => previous,
  });
}

export function useDeadLetterAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      action,
      service,
      id,
    }: {
      action: "replay" | "discard";
      service: PipelineService;
      id: string;
    }) => {
      if (action === "replay") {
        await graphqlRequest<{ replayDeadLetter: boolean }, { service: PipelineService; id: string }>(
          REPLAY,
          {
            service,
            id,
          },
        );
      } else {
        await graphqlRequest<{ discardDeadLetter: boolean }, { service: PipelineService; id: string }>(
          DISCARD,
          {
            service,
            id,
          },
        );
      }
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["admin", "event-pipeline"] }),
        queryClient.invalidateQueries({ queryKey: ["admin", "pipeline-health"] }),
      ]),
  });
}
