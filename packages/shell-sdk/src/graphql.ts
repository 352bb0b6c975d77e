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

export interface GraphQLUploadOptions {
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends an operation with one file in its `$file` variable, by the GraphQL multipart request spec, with the
 * session's token; answers like `graphqlRequest`. XMLHttpRequest rather than fetch: only its
 * `upload.onprogress` reports how much of the body has left. The preflight header is what the BFF asks of
 * multipart requests, which a browser would otherwise let any site send (CSRF).
 */
export function graphqlUpload<TData>(
  query: string,
  variables: Record<string, unknown>,
  file: File,
  options: GraphQLUploadOptions = {},
): Promise<TData> {
  const form = new FormData();
  form.append("operations", JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.append("map", JSON.stringify({ 0: ["variables.file"] }));
  form.append("0", file, file.name);
  const token = config.getAccessToken();

  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", config.endpoint);
    xhr.setRequestHeader("apollo-require-preflight", "true");
    xhr.setRequestHeader("accept", "application/graphql-response+json, application/json");
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new GraphQLRequestError("The server could not be reached", "NETWORK_ERROR"));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled", "AbortError"));
    xhr.onload = () => {
      let body: GraphQLResponse<TData> | null = null;
      try {
        body = JSON.parse(xhr.responseText) as GraphQLResponse<TData>;
      } catch {
        body = null;
      }
      const errors = body?.errors ?? [];
      const code = errors[0]?.extensions?.code ?? (xhr.status === 401 ? "UNAUTHENTICATED" : undefined);
      if (code === "UNAUTHENTICATED" && token) config.onUnauthenticated?.();
      if (body?.data != null && xhr.status < 300) {
        options.onProgress?.(1);
        resolve(body.data);
        return;
      }
      reject(
        new GraphQLRequestError(
          errors[0]?.message ?? `The server answered ${xhr.status}`,
          code ?? `HTTP_${xhr.status}`,
          errors,
          xhr.status,
        ),
      );
    };
    options.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/**
 * Per-field messages from a rejected request. Services report validation issues with a JSON-pointer path
 * (`/name`) in `extensions.issues`; the BFF passes them through. Keys are dotted paths ("name", "sections.0").
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof GraphQLRequestError)) return {};
  const result: Record<string, string> = {};
  for (const entry of error.errors) {
    const issues = entry.extensions?.issues;
    if (!Array.isArray(issues)) continue;
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      const path = Array.isArray(issue.path) ? issue.path.join("/") : String(issue.path ?? "");
      const field = path.replace(/^\/+/, "").split("/").filter(Boolean).join(".");
      if (field && typeof issue.message === "string" && !result[field]) result[field] = issue.message;
    }
  }
  return result;
}

/** The message to show for a failed request, or null when there is none. */
export function errorMessage(error: unknown): string | null {
  if (!error) return null;
  if (error instanceof Error) return error.message;
  return "Something went wrong";
}
