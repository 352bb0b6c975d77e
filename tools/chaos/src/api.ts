/** A JSON body as a service sends it; its route's contract says the shape. */
// biome-ignore lint/suspicious/noExplicitAny: read by the fields of the route's response schema
type Json = any;

/** What came back from one request: a status and body, or no answer at all (connection refused, timeout). */
export type Reply = { status: number; body: Json } | { status: 0; body: null; error: string };

export interface CallOptions {
  method?: string;
  token?: string;
  serviceToken?: string;
  body?: unknown;
}

export async function call(url: string, options: CallOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.serviceToken) headers["x-service-token"] = options.serviceToken;
  try {
    const res = await fetch(url, {
      method: options.method ?? "GET",
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = text;
    }
    return { status: res.status, body };
  } catch (error) {
    return { status: 0, body: null, error: error instanceof Error ? error.message : String(error) };
  }
}

/** A 2xx answer: the service acknowledged the write. */
export const acked = (r: Reply) => r.status >= 200 && r.status < 300;
/** No answer or a 5xx: the write may or may not have happened. */
export const unknown = (r: Reply) => r.status === 0 || r.status >= 500;

/** Calls until a 2xx, for the suite's own setup (a service may still be warming up). */
export async function must(url: string, options: CallOptions = {}, tries = 30): Promise<Json> {
  let last: Reply | undefined;
  for (let i = 0; i < tries; i++) {
    last = await call(url, options);
    if (acked(last)) return last.body;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${options.method ?? "GET"} ${url}: ${last?.status} ${JSON.stringify(last?.body)}`);
}
