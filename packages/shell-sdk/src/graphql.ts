/** Codes the BFF puts in `extensions.code`, plus the ones this client reports for transport failures. */
export type GraphQLErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR"
  | "NETWORK_ERROR"
  | "TIMEOUT"
  | "BAD_RESPONSE"
  | (string & {});

export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

export class GraphQLRequestError extends Error {
  override readonly name = "GraphQLRequestError";
  constructor(
    message: string,
    /** `extensions.code` of the first error, or a transport code. */
    readonly code: GraphQLErrorCode,
    readonly errors: readonly GraphQLErrorEntry[] = [],
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface GraphQLClientConfig {
  endpoint: string;
  getAccessToken: () => string | null;
  /** Called when the BFF rejects the token, so the shell can end the session. */
  onUnauthenticated?: () => void;
  timeoutMs: number;
}

// Module state is safe here: the SDK is a federation singleton, so the shell's configuration is the one
// every remote's request sees.
const config: GraphQLClientConfig = {
  endpoint: "/graphql",
  getAccessToken: () => null,
  timeoutMs: 15_000,
};

/** The endpoint and the session's token, for transports other than `graphqlRequest` (subscriptions). */
export function graphqlEndpoint(): { endpoint: string; token: string | null } {
  return { endpoint: config.endpoint, token: config.getAccessToken() };
}

/** Called by the shell at start. */
export function configureGraphQL(overrides: Partial<GraphQLClientConfig>): void {
  Object.assign(config, overrides);
}

export interface GraphQLRequestOptions {
  /** TanStack Query's `signal`, so abandoned queries cancel their request. */
  signal?: AbortSignal;
}

interface GraphQLResponse<TData> {
  data?: TData | null;
  errors?: GraphQLErrorEntry[];
}

/**
 * POSTs a GraphQL operation to the BFF with the session's bearer token. A response with data is returned
 * even when it carries errors: fields owned by a service that is down come back null (partial result), and
 * screens render around them. No data at all throws a GraphQLRequestError.
 */
export async function graphqlRequest<
  TData,
  TVariables extends Record<string, unknown> = Record<string, never>,
>(query: string, variables?: TVariables, options: GraphQLRequestOptions = {}): Promise<TData> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/graphql-response+json, application/json",
  };
  const token = config.getAccessToken();
  if (token) headers.authorization = `Bearer ${token}`;

  const timeout = AbortSignal.timeout(config.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  let response: Response;
  try {
    response = await fetch(config.endpoint, {
      method: "POST",
      headers,
      body: JSON.stringify({ query, variables: variables ?? {} }),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) throw new GraphQLRequestError("The server took too long to answer", "TIMEOUT");
    if (options.signal?.aborted) throw error;
    throw new GraphQLRequestError("The server could not be reached", "NETWORK_ERROR");
  }

  let body: GraphQLResponse<TData> | undefined;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch {
    body = undefined;
  }

  const errors = body?.errors ?? [];
  const first = errors[0];
  const code = first?.extensions?.code ?? (response.status === 401 ? "UNAUTHENTICATED" : undefined);
  if (code === "UNAUTHENTICATED" && token) config.onUnauthenticated?.();

  if (body?.data != null && response.ok) return body.data;
  if (first) {
    throw new GraphQLRequestError(first.message, code ?? "INTERNAL_SERVER_ERROR", errors, response.status);
  }
  throw new GraphQLRequestError(
    response.ok ? "The server sent an unreadable answer" : `The server answered ${response.status}`,
    code ?? (response.ok ? "BAD_RESPONSE" : `HTTP_${response.status}`),
    [],
    response.status,
  );
}
