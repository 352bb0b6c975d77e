import autocannon from "autocannon";

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors, timeouts and non-2xx answers: a run with any is reported, not hidden. */
  failures: number;
}

/** A fixed-time autocannon load of one GraphQL operation over loopback. */
export async function graphqlLoad(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables }),
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * One request at a time, for latencies without queueing (growth figures). A failed request (an upstream
 * timeout on a busy machine) is left out and counted; more than a tenth failing ends the bench.
 */
export async function sequentialLatencies(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  count: number,
): Promise<{ samples: number[]; failures: number }> {
  const body = JSON.stringify({ query, variables });
  const samples: number[] = [];
  let failures = 0;
  let lastError = "";
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await res.text();
    if (!res.ok || text.includes('"errors"')) {
      failures += 1;
      lastError = `${res.status} ${text.slice(0, 300)}`;
      continue;
    }
    samples.push(performance.now() - started);
  }
  if (failures > count / 10)
    throw new Error(`${failures} of ${count} requests failed, the last: ${lastError}`);
  return { samples, failures };
}
