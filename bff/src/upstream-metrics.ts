// Read from the BFF's own /metrics, so its tests and the benchmark count the same way.

/** A counter's values on the BFF's /metrics, summed per value of one of its labels. */
export async function counterByLabel(
  bffUrl: string,
  metric: string,
  label: string,
): Promise<Record<string, number>> {
  const text = await (await fetch(`${bffUrl}/metrics`)).text();
  const values: Record<string, number> = {};
  for (const [, value, n] of text.matchAll(
    new RegExp(`^${metric}\\{[^}]*\\b${label}="(\\w+)"[^}]*\\} (\\d+)`, "gm"),
  )) {
    values[value!] = (values[value!] ?? 0) + Number(n);
  }
  return values;
}

/** Upstream calls so far, per service, from the BFF's `bff_upstream_requests_total` on its /metrics. */
export function upstreamCalls(bffUrl: string): Promise<Record<string, number>> {
  return counterByLabel(bffUrl, "bff_upstream_requests_total", "service");
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
