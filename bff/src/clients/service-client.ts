import type { ServiceName } from "@quire/service-kit";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import type { Counter } from "prom-client";

export interface RequestOptions {
  /** Names the call in `bff_upstream_requests_total{operation}`. */
  operation: string;
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A multipart body (an upload) instead of JSON; fetch sets its content type with the boundary. */
  form?: FormData;
  /** Longer than the default for slow work such as re-encoding an upload. */
  timeoutMs?: number;
  /** The caller's access token, forwarded so the service verifies the identity itself. */
  token?: string | undefined;
  /** The client's address as this BFF's trusted proxy saw it, for per-visitor counts and rate limits. */
  forwardedFor?: string | undefined;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: "BAD_USER_INPUT",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "BAD_USER_INPUT",
  413: "BAD_USER_INPUT",
  429: "RATE_LIMITED",
};

/** A typed HTTP client for one domain service, with a timeout; failures become coded GraphQL errors. */
export class ServiceClient {
  constructor(
    readonly service: ServiceName,
    private readonly baseUrl: string,
    private readonly upstreamRequests: Counter<"service" | "operation">,
    private readonly timeoutMs = 3_000,
  ) {}

  async request<T>(options: RequestOptions): Promise<T> {
    const url = new URL(options.path, this.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.forwardedFor) headers["x-forwarded-for"] = options.forwardedFor;
    this.upstreamRequests.inc({ service: this.service, operation: options.operation });
    let res: Response;
    try {
      res = await fetch(url, {
        method: options.method ?? "GET",
        headers,
        ...(options.form !== undefined
          ? { body: options.form }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      });
    } catch {
      throw unavailable(this.service);
    }
    if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
    if (res.status >= 500) throw unavailable(this.service);
    const body = (await res.json().catch(() => ({}))) as { error?: { message?: string; issues?: unknown } };
    throw createGraphQLError(body.error?.message ?? res.statusText, {
      extensions: {
        code: CODE_BY_STATUS[res.status] ?? "BAD_USER_INPUT",
        service: this.service,
        ...(body.error?.issues ? { issues: body.error.issues } : {}),
      },
    });
  }
}

export function unavailable(service: string) {
  return createGraphQLError(`The ${service} service is unavailable right now`, {
    extensions: { code: "UNAVAILABLE", service },
  });
}

export function isNotFound(error: unknown): boolean {
  return (error as { extensions?: { code?: unknown } })?.extensions?.code === "NOT_FOUND";
}
