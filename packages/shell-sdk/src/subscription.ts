import { useEffect, useRef } from "react";
import { graphqlEndpoint } from "./graphql";

/** Waits before reconnecting a dropped stream: 1 s, 2 s, 4 s ... up to 30 s. */
const retryDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** attempt);

/**
 * A GraphQL subscription over server-sent events (the BFF's `text/event-stream` answer to a subscription),
 * kept open and reopened after a drop until the signal aborts. `onNext` gets each event's `data`.
 */
export async function graphqlSubscribe<TData>(
  query: string,
  variables: Record<string, unknown>,
  onNext: (data: TData) => void,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      const { endpoint, token } = graphqlEndpoint();
      const response = await fetch(endpoint, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "text/event-stream",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      if (!response.ok || !response.body) throw new Error(`subscription answered ${response.status}`);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        attempt = 0;
        buffered += value;
        let end = buffered.indexOf("\n\n");
        while (end >= 0) {
          const message = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (/^event: next$/m.test(message) && data) {
            const payload = JSON.parse(data) as { data?: TData };
            if (payload.data) onNext(payload.data);
          }
          end = buffered.indexOf("\n\n");
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    await new Promise((resolve) => setTimeout(resolve, retryDelay(attempt)));
  }
}

/**
 * Keeps a subscription open while the component is mounted (and `enabled`); `onNext` may change between
 * renders without reopening the stream.
 */
export function useGraphQLSubscription<TData>(
  query: string,
  variables: Record<string, unknown>,
  onNext: (data: TData) => void,
  enabled = true,
): void {
  const latest = useRef(onNext);
  latest.current = onNext;
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    void graphqlSubscribe<TData>(query, JSON.parse(key), (data) => latest.current(data), abort.signal);
    return () => abort.abort();
  }, [query, key, enabled]);
}
