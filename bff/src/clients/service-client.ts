import type { ServiceName } from "@quire/service-kit";
// From graphql-yoga, not graphql: the same class yoga checks, whichever module format loaded graphql.
import { createGraphQLError } from "graphql-yoga";
import CircuitBreaker from "opossum";
import type { Counter } from "prom-client";
import { type Dispatcher, type FormData, Pool } from "undici";

export interface RequestOptions {
  /** Names the call in `bff_upstream_requests_total{operation}`. */
  operation: string;
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A multipart body (an upload) instead of JSON, undici's own FormData; it sets the type with the boundary. */
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

type Call = Dispatcher.RequestOptions & { operation: string };
type Answer = Dispatcher.ResponseData;

/**
 * A typed HTTP client for one domain service, with a timeout and a circuit breaker; failures become coded
 * GraphQL errors. Calls go through a pool of kept-alive connections (undici's own request API: the fetch API's
 * per-call work was a large part of the BFF's cost per screen).
 */
export class ServiceClient {
  private readonly breaker: CircuitBreaker<[Call], Answer>;
  private readonly pool: Pool;

  constructor(
    readonly service: ServiceName,
    private readonly baseUrl: string,
    private readonly upstreamRequests: Counter<"service" | "operation">,
    private readonly timeoutMs = 3_000,
    breakerOptions: CircuitBreaker.Options = BREAKER_OPTIONS,
  ) {
    // Only an unreachable service, a timeout or a 5xx counts against it; a 4xx is a good answer.
    this.pool = new Pool(new URL(baseUrl).origin, { connections: 32 });
    this.breaker = new CircuitBreaker(async ({ operation, ...call }: Call) => {
      this.upstreamRequests.inc({ service: this.service, operation });
      const res = await this.pool.request(call);
      if (res.statusCode >= 500) {
        await res.body.dump();
        throw new Error(`${this.service} answered ${res.statusCode}`);
      }
      return res;
    }, breakerOptions);
  }

  /** Closes the kept-alive connections (the BFF is stopping). */
  close(): Promise<void> {
    return this.pool.close();
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
    const timeout = options.timeoutMs ?? this.timeoutMs;
    let res: Answer;
    let text: string;
    try {
      res = await this.breaker.fire({
        operation: options.operation,
        path: url.pathname + url.search,
        method: options.method ?? "GET",
        headers,
        body: options.form ?? (options.body !== undefined ? JSON.stringify(options.body) : null),
        headersTimeout: timeout,
        bodyTimeout: timeout,
      });
      text = await res.body.text();
    } catch {
      throw unavailable(this.service);
    }
    if (res.statusCode < 300) return (text === "" ? undefined : JSON.parse(text)) as T;
    let body: { error?: { message?: string; issues?: unknown } } = {};
    try {
      body = JSON.parse(text);
    } catch {
      // Not our JSON error body: the status alone says what went wrong.
    }
    throw createGraphQLError(body.error?.message ?? `${this.service} answered ${res.statusCode}`, {
      extensions: {
        code: CODE_BY_STATUS[res.statusCode] ?? "BAD_USER_INPUT",
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
