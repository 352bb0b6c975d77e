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

/** One GraphQL request of a latency series. */
export interface Request {
  url: string;
  query: string;
  variables: Record<string, unknown>;
}

/**
 * One request at a time, for latencies without queueing (growth figures). Each round sends every request once,
 * in turns, so a swing of the machine falls on all of them alike. A failed request (an upstream timeout on a
 * busy machine) is left out and counted; more than a tenth failing ends the bench.
 */
export async function sequentialLatencies(
  requests: Request[],
  rounds: number,
): Promise<{ samples: number[][]; failures: number }> {
  const bodies = requests.map((r) => JSON.stringify({ query: r.query, variables: r.variables }));
  const samples: number[][] = requests.map(() => []);
  let failures = 0;
  let lastError = "";
  for (let round = 0; round < rounds; round++) {
    for (const [i, { url }] of requests.entries()) {
      const started = performance.now();
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: bodies[i],
      });
      const text = await res.text();
      if (!res.ok || text.includes('"errors"')) {
        failures += 1;
        lastError = `${res.status} ${text.slice(0, 300)}`;
        continue;
      }
      samples[i]?.push(performance.now() - started);
    }
  }
  const count = rounds * requests.length;
  if (failures > count / 10)
    throw new Error(`${failures} of ${count} requests failed, the last: ${lastError}`);
  return { samples, failures };
}
