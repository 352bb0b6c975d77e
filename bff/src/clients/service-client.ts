import type { ServiceName } from "@quire/service-kit";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import CircuitBreaker from "opossum";
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

/**
 * How the breaker of one service opens: when half the calls of the last 10 s failed (at least 5 calls), the
 * BFF stops calling that service for 5 s and answers its fields UNAVAILABLE at once, instead of making every
 * screen wait for its timeout; then one trial call decides whether it closes again.
 */
export const BREAKER_OPTIONS = {
  timeout: false,
  volumeThreshold: 5,
  errorThresholdPercentage: 50,
  rollingCountTimeout: 10_000,
  resetTimeout: 5_000,
} as const;

/**
 * A typed HTTP client for one domain service, with a timeout and a circuit breaker; failures become coded
 * GraphQL errors.
 */
export class ServiceClient {
  private readonly breaker: CircuitBreaker<[URL, RequestInit, string], Response>;

  constructor(
    readonly service: ServiceName,
    private readonly baseUrl: string,
    private readonly upstreamRequests: Counter<"service" | "operation">,
    private readonly timeoutMs = 3_000,
    breakerOptions: CircuitBreaker.Options = BREAKER_OPTIONS,
  ) {
    // Only an unreachable service, a timeout or a 5xx counts against it; a 4xx is a good answer.
    this.breaker = new CircuitBreaker(async (url: URL, init: RequestInit, operation: string) => {
      this.upstreamRequests.inc({ service: this.service, operation });
      const res = await fetch(url, init);
      if (res.status >= 500) throw new Error(`${this.service} answered ${res.status}`);
      return res;
    }, breakerOptions);
  }

  /** Whether calls are refused without being made, for readiness reports and tests. */
  get isOpen(): boolean {
    return this.breaker.opened;
  }

  async request<T>(options: RequestOptions): Promise<T> {
    const url = new URL(options.path, this.baseUrl);
    for (const [k, v] of Object.entries(options.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.forwardedFor) headers["x-forwarded-for"] = options.forwardedFor;
    let res: Response;
    try {
      const init: RequestInit = {
        method: options.method ?? "GET",
        headers,
        ...(options.form !== undefined
          ? { body: options.form }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.timeoutMs),
      };
      res = await this.breaker.fire(url, init, options.operation);
    } catch {
      throw unavailable(this.service);
    }
    if (res.ok) return (res.status === 204 ? undefined : await res.json()) as T;
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
