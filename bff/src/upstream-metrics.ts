// Read from the BFF's own /metrics, so its tests and the benchmark count upstream calls the same way.

/** Upstream calls so far, per service, from the BFF's `bff_upstream_requests_total` on its /metrics. */
export async function upstreamCalls(bffUrl: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${bffUrl}/metrics`)).text();
  const calls: Record<string, number> = {};
  for (const [, service, n] of text.matchAll(
    /^bff_upstream_requests_total\{service="(\w+)"[^}]*\} (\d+)/gm,
  )) {
    calls[service!] = (calls[service!] ?? 0) + Number(n);
  }
  return calls;
}

/** The upstream calls, per service, that `run` made (services it did not call are left out). */
export async function upstreamCallsDuring(
  bffUrl: string,
  run: () => Promise<unknown>,
): Promise<Record<string, number>> {
  const before = await upstreamCalls(bffUrl);
  await run();
  const after = await upstreamCalls(bffUrl);
  const made: Record<string, number> = {};
  for (const [service, n] of Object.entries(after)) {
    if (n - (before[service] ?? 0) > 0) made[service] = n - (before[service] ?? 0);
  }
  return made;
}
