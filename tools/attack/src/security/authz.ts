import { randomUUID } from "node:crypto";
import {
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { loadBffSchema, rootFields } from "../graphql-schema";
import { png } from "../images";
import { SERVICE_NAMES } from "../stack";
import { type Account, check, gql, rest, type SecurityContext } from "./context";

/**
 * Who may call what. `public`: anyone (guests included); `user`: any signed-in, active account; `admin`:
 * admins only. Every Query and Mutation field of the BFF and every public REST route of the services must
 * be listed: a field or route missing here fails the suite, so a new one cannot ship unjudged.
 */
type Level = "public" | "user" | "admin";

const GRAPHQL_ACCESS: Record<string, Level> = {
  // reading
  homePage: "public",
  sidebar: "public",
  posts: "public",
  post: "public",
  categories: "public",
  category: "public",
  tags: "public",
  tag: "public",
  search: "public",
  notices: "public",
  notice: "public",
  page: "public",
  me: "user",
  myBookmarks: "user",
  myComments: "user",
  bugReports: "public",
  bugReport: "public",
  oidcConfig: "public",
  // account and engagement
  login: "public",
  register: "public",
  refreshSession: "public",
  logout: "public",
  updateProfile: "user",
  changePassword: "user",
  completeOidcSignIn: "public",
  addComment: "public",
  editComment: "public",
  deleteComment: "public",
  // Anyone may like: guests by a salted hash of their address.
  toggleLike: "public",
  toggleBookmark: "user",
  removeBookmarks: "user",
  recordView: "public",
  trackVisit: "public",
  createBugReport: "public",
  // administration
  adminDashboard: "admin",
  adminPosts: "admin",
  drafts: "admin",
  draft: "admin",
  adminComments: "admin",
  users: "admin",
  userStats: "admin",
  adminPages: "admin",
  storageUsage: "admin",
  orphanImages: "admin",
  backups: "admin",
  backupJob: "admin",
  eventPipeline: "admin",
  createPost: "admin",
  updatePost: "admin",
  deletePosts: "admin",
  saveDraft: "admin",
  publishDraft: "admin",
  deleteDraft: "admin",
  createCategory: "admin",
  updateCategory: "admin",
  deleteCategory: "admin",
  createTag: "admin",
  updateTag: "admin",
  deleteTag: "admin",
  setCommentStatus: "admin",
  deleteComments: "admin",
  respondToBugReport: "admin",
  // Any signed-in user may upload an avatar; covers and post images need an admin (an object check).
  uploadImage: "user",
  fetchLinkPreview: "admin",
  createNotice: "admin",
  updateNotice: "admin",
  deleteNotice: "admin",
  updateStaticPage: "admin",
  setUserStatus: "admin",
  setUserRole: "admin",
  createBackup: "admin",
  restoreBackup: "admin",
  deleteBackup: "admin",
  cleanOrphanImages: "admin",
  replayDeadLetter: "admin",
  discardDeadLetter: "admin",
};

/** Calls that would end the caller's own session; they run last. */
const SESSION_ENDING = new Set(["logout"]);

/**
 * `<service> <METHOD> <path as in /openapi.json> <level> [own403]`, one route a line; `own403` marks a route
 * that answers made-up input with its own 403 (a wrong current password), not a refusal of the caller.
 */
const REST_ACCESS = `
auth POST /v1/register public
auth POST /v1/login public
auth POST /v1/refresh public
auth POST /v1/logout public
auth GET /v1/me user
auth PATCH /v1/me user
auth PUT /v1/me/password user own403
auth GET /v1/authors public
auth GET /v1/admin/users admin
auth PUT /v1/admin/users/{id}/status admin
auth PUT /v1/admin/users/{id}/role admin
auth DELETE /v1/admin/users/{id} admin
auth GET /v1/admin/users/stats admin
auth GET /v1/oidc/config public
auth POST /v1/oidc/exchange public
blog GET /v1/posts public
blog POST /v1/posts admin
blog GET /v1/posts/featured public
blog GET /v1/posts/popular public
blog GET /v1/posts/{slug} public
blog PATCH /v1/posts/{id} admin
blog DELETE /v1/posts/{id} admin
blog POST /v1/posts/bulk-delete admin
blog GET /v1/front-page public
blog PUT /v1/drafts/{id} admin
blog GET /v1/drafts/{id} admin
blog DELETE /v1/drafts/{id} admin
blog GET /v1/drafts admin
blog POST /v1/drafts/{id}/publish admin
blog GET /v1/search public
blog GET /v1/admin/posts admin
blog GET /v1/admin/dashboard admin
blog GET /v1/categories public
blog POST /v1/categories admin
blog GET /v1/categories/top public
blog GET /v1/categories/{slug} public
blog PATCH /v1/categories/{id} admin
blog DELETE /v1/categories/{id} admin
blog GET /v1/tags public
blog POST /v1/tags admin
blog GET /v1/tags/popular public
blog GET /v1/tags/{slug} public
blog PATCH /v1/tags/{id} admin
blog DELETE /v1/tags/{id} admin
content GET /v1/posts/{postId}/comments public
content POST /v1/posts/{postId}/comments public
content PATCH /v1/comments/{id} public
content DELETE /v1/comments/{id} public
content GET /v1/me/comments user
content GET /v1/comments/recent public
content GET /v1/admin/comments admin
content PATCH /v1/admin/comments/{id}/status admin
content POST /v1/admin/comments/bulk-delete admin
content POST /v1/posts/{postId}/like public
content GET /v1/posts/{postId}/viewer-state public
content POST /v1/posts/{postId}/bookmark user
content GET /v1/me/bookmarks user
content POST /v1/me/bookmarks/remove user
content GET /v1/posts/engagement public
content GET /v1/conversation public
page GET /v1/notices public
page POST /v1/notices admin
page GET /v1/notices/popup public
page GET /v1/notices/{slug} public
page GET /v1/admin/notices admin
page PATCH /v1/notices/{id} admin
page DELETE /v1/notices/{id} admin
page GET /v1/pages/{slug} public
page PUT /v1/pages/{slug} admin
page GET /v1/admin/pages admin
analytics POST /v1/views public
analytics POST /v1/visits public
analytics GET /v1/visitors public
analytics POST /v1/bug-reports public
analytics GET /v1/bug-reports public
analytics GET /v1/bug-reports/{id} public
analytics POST /v1/bug-reports/{id}/response admin
analytics GET /v1/admin/dashboard admin
storage POST /v1/images user
storage GET /v1/images/{id}/{file} public
storage DELETE /v1/images/{id} user
storage GET /v1/admin/storage/usage admin
storage GET /v1/admin/storage/orphans admin
storage POST /v1/admin/storage/orphans/clean admin
storage POST /v1/admin/backups admin
storage GET /v1/admin/backups admin
storage GET /v1/admin/backup-jobs admin
storage GET /v1/admin/backup-jobs/{id} admin
storage GET /v1/admin/backups/{id}/download admin
storage DELETE /v1/admin/backups/{id} admin
storage POST /v1/admin/backups/{id}/restore admin
storage POST /v1/link-preview user
* GET /v1/admin/event-pipeline admin
* POST /v1/admin/dead-letters/{id}/replay admin
* DELETE /v1/admin/dead-letters/{id} admin
`;

interface RouteAccess {
  level: Level;
  own403: boolean;
}

function restTable(): Map<string, RouteAccess> {
  const table = new Map<string, RouteAccess>();
  for (const line of REST_ACCESS.trim().split("\n")) {
    const [service, method, path, level, flag] = line.trim().split(/\s+/) as [
      string,
      string,
      string,
      Level,
      string?,
    ];
    const services = service === "*" ? SERVICE_NAMES : [service];
    for (const s of services) table.set(`${s} ${method} ${path}`, { level, own403: flag === "own403" });
  }
  return table;
}

/** Headers a client might hope the services believe; on every request of the matrix, they change nothing. */
export function forgedHeaders(ctx: SecurityContext): Record<string, string> {
  return {
    "x-user-id": ctx.admin.id,
    "x-user-role": "ADMIN",
    "x-forwarded-user": ctx.admin.id,
    "x-auth-user": ctx.admin.id,
    "x-service-token": "forged-service-token",
    "x-original-url": "/internal/backup",
    "x-rewrite-url": "/internal/backup",
  };
}

const DENIED = new Set(["UNAUTHENTICATED", "FORBIDDEN"]);

// ---------- GraphQL ----------

/** The one real post, so calls about a post reach the access rule instead of stopping at "no such post". */
let knownPostId = "";

function valueFor(type: GraphQLInputType, argName: string, field: string): unknown {
  if (isNonNullType(type)) return valueFor(type.ofType, argName, field);
  if (isListType(type)) return [valueFor(type.ofType, argName.replace(/s$/, ""), field)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if (isNonNullType(f.type)) out[f.name] = valueFor(f.type, f.name, field);
    }
    return out;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "ID":
        return argName === "postId" && knownPostId ? knownPostId : randomUUID();
      case "Int":
        return 1;
      case "Float":
        return 1;
      case "Boolean":
        return false;
      case "String":
        if (argName === "email") return `matrix-${randomUUID().slice(0, 8)}@example.com`;
        if (argName === "url") return "https://example.com/";
        if (argName === "slug" && field === "updateStaticPage") return "introduce";
        if (/password/i.test(argName)) return "Wrong-Password-9";
        return "Matrix text";
    }
  }
  return null;
}

interface Role {
  name: string;
  account: Account | null;
}

async function callField(
  ctx: SecurityContext,
  operation: "query" | "mutation",
  name: string,
  token: string | undefined,
): Promise<{ codes: string[]; value: unknown; raw: string }> {
  const schema = loadBffSchema();
  const field = (operation === "query" ? schema.getQueryType() : schema.getMutationType())!.getFields()[
    name
  ]!;
  const required = field.args.filter((a) => isNonNullType(a.type));
  const variables: Record<string, unknown> = {};
  for (const a of required) variables[a.name] = valueFor(a.type, a.name, name);
  const declared = required.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const passed = required.map((a) => `${a.name}: $${a.name}`).join(", ");
  const named = getNamedType(field.type);
  const selection = isScalarType(named) || isEnumType(named) ? "" : "{ __typename }";
  const query = `${operation} Matrix${declared ? `(${declared})` : ""} { ${name}${passed ? `(${passed})` : ""} ${selection} }`;
  const headers = forgedHeaders(ctx);
  if (required.some((a) => getNamedType(a.type).name === "File")) {
    return uploadThroughGraphql(ctx, query, variables, token, headers);
  }
  const answer = await gql(ctx.urls.bff, query, variables, token, headers);
  return {
    codes: answer.codes,
    value: answer.data?.[name] ?? null,
    raw: JSON.stringify(answer.errors).slice(0, 300),
  };
}

/** The GraphQL multipart request spec, with the header yoga asks of multipart requests. */
async function uploadThroughGraphql(
  ctx: SecurityContext,
  query: string,
  variables: Record<string, unknown>,
  token: string | undefined,
  headers: Record<string, string>,
): Promise<{ codes: string[]; value: unknown; raw: string }> {
  const form = new FormData();
  form.set("operations", JSON.stringify({ query, variables: { ...variables, file: null } }));
  form.set("map", JSON.stringify({ "0": ["variables.file"] }));
  form.set("0", new Blob([new Uint8Array(png())], { type: "image/png" }), "matrix.png");
  const res = await fetch(`${ctx.urls.bff}/graphql`, {
    method: "POST",
    headers: { ...headers, "x-graphql-csrf": "1", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { data?: Record<string, unknown>; errors?: GraphqlErrors };
    return {
      codes: (body.errors ?? []).map((e) => e.extensions?.code ?? "NONE"),
      value: body.data ? (Object.values(body.data)[0] ?? null) : null,
      raw: text.slice(0, 300),
    };
  } catch {
    return { codes: [`HTTP_${res.status}`], value: null, raw: text.slice(0, 300) };
  }
}
type GraphqlErrors = Array<{ extensions?: { code?: string } }>;

function judge(level: Level, role: Role): "allowed" | "denied" {
  if (level === "public") return "allowed";
  if (!role.account || role.name === "suspended user") return "denied";
  if (level === "admin" && role.account.role !== "ADMIN") return "denied";
  return "allowed";
}

export async function graphqlMatrix(ctx: SecurityContext): Promise<void> {
  const roles: Role[] = [
    { name: "anonymous", account: null },
    { name: "user", account: ctx.user },
    // Another user's object-level limits are the object checks' job; the quick run leaves this role out.
    ...(ctx.quick ? [] : [{ name: "another user", account: ctx.other }]),
    { name: "suspended user", account: ctx.suspended },
    { name: "admin", account: ctx.admin },
  ];
  knownPostId = ctx.post.id;
  const fields = rootFields(loadBffSchema());
  for (const f of fields) {
    if (!check(`graphql ${f.name}: listed in the access table`, f.name in GRAPHQL_ACCESS, "add it")) continue;
  }
  const ordered = [...fields].sort(
    (a, b) => Number(SESSION_ENDING.has(a.name)) - Number(SESSION_ENDING.has(b.name)),
  );
  for (const f of ordered) {
    const level = GRAPHQL_ACCESS[f.name];
    if (!level) continue;
    for (const role of roles) {
      // A void token on a public field may be refused or ignored: either way nothing is granted.
      if (level === "public" && role.name === "suspended user") continue;
      const expected = judge(level, role);
      const got = await callField(ctx, f.operation, f.name, role.account?.token);
      const denied = got.codes.some((c) => DENIED.has(c));
      if (expected === "denied") {
        // A nullable read may answer null without an error: nothing is shown either way.
        const nothing = got.value === null && got.codes.every((c) => DENIED.has(c));
        check(
          `graphql ${f.operation} ${f.name} as ${role.name}: refused`,
          nothing && (denied || got.codes.length === 0),
          `codes=${got.codes.join(",")} value=${JSON.stringify(got.value)} ${got.raw}`,
        );
      } else {
        // Allowed means the access rules let it through; the made-up arguments may still be refused.
        const byRule =
          got.codes.includes("FORBIDDEN") || (role.account !== null && got.codes.includes("UNAUTHENTICATED"));
        const expectedUnauthenticated = role.account === null && ANONYMOUS_UNAUTHENTICATED.has(f.name);
        check(
          `graphql ${f.operation} ${f.name} as ${role.name}: allowed`,
          !byRule || expectedUnauthenticated || SESSION_CALLS.has(f.name),
          `codes=${got.codes.join(",")} ${got.raw}`,
        );
      }
    }
  }
}

/** Public calls that answer UNAUTHENTICATED on their own terms (no refresh cookie, wrong password). */
const SESSION_CALLS = new Set(["login", "refreshSession", "completeOidcSignIn", "changePassword"]);
const ANONYMOUS_UNAUTHENTICATED = new Set<string>();

// ---------- REST ----------

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked loosely
type Schema = any;

/** A value the schema accepts; `everyField` fills optional properties too (a PATCH needs something to change). */
function validFor(s: Schema, depth = 0, everyField = false, key = ""): unknown {
  if (!s || depth > 5) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) {
    return validFor(
      alternatives.find((a: Schema) => a.type !== "null") ?? alternatives[0],
      depth,
      everyField,
      key,
    );
  }
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  if (type === "string") {
    if (s.pattern === "^#[0-9a-fA-F]{6}$" || /color/i.test(s.description ?? "")) return "#336699";
    if (s.format === "date-time") return new Date().toISOString();
    if (/url|website|github|twitter|linkedin/i.test(key)) return "https://example.com/a.png";
    if (s.format === "email") return `matrix-${randomUUID().slice(0, 8)}@example.com`;
    if (s.format === "uri" || s.format === "url") return "https://example.com/";
    if (s.format === "uuid") return randomUUID();
    return "Matrix-Text1".padEnd(s.minLength ?? 1, "x").slice(0, s.maxLength ?? 64);
  }
  if (type === "integer" || type === "number") return s.minimum ?? 1;
  if (type === "boolean") return false;
  if (type === "array") return [validFor(s.items, depth + 1, everyField, key)];
  const out: Record<string, unknown> = {};
  const keys = everyField ? Object.keys(s.properties ?? {}) : (s.required ?? []);
  for (const k of keys) out[k] = validFor(s.properties?.[k], depth + 1, everyField, k);
  return out;
}

export async function restMatrix(ctx: SecurityContext): Promise<void> {
  const table = restTable();
  const roles: Role[] = [
    { name: "anonymous", account: null },
    { name: "user", account: ctx.user },
    { name: "suspended user", account: ctx.suspended },
    { name: "admin", account: ctx.admin },
  ];
  for (const service of SERVICE_NAMES) {
    const spec = (await (await fetch(`${ctx.urls[service]}/openapi.json`)).json()) as Schema;
    for (const [path, methods] of Object.entries<Schema>(spec.paths ?? {})) {
      if (path.startsWith("/internal/")) continue;
      for (const [lower, op] of Object.entries<Schema>(methods)) {
        const method = lower.toUpperCase();
        const key = `${service} ${method} ${path}`;
        const access = table.get(key);
        if (!check(`rest ${key}: listed in the access table`, access !== undefined, "add it")) continue;
        // Public routes have nothing to refuse; the fuzz suite covers what they do with bad input.
        if (access!.level === "public") continue;
        const params: Schema[] = op.parameters ?? [];
        const pathValue = (name: string) => {
          const schema = params.find((p) => p.in === "path" && p.name === name)?.schema;
          if (schema?.enum) return String(schema.enum[0]);
          return name === "postId" ? ctx.post.id : randomUUID();
        };
        const url = `${ctx.urls[service]}${path.replace(/\{([^}]+)\}/g, (_, name: string) => pathValue(name))}${
          key === "storage POST /v1/images" ? "?purpose=avatar" : ""
        }`;
        const schema = op.requestBody?.content?.["application/json"]?.schema;
        for (const role of roles) {
          const expected = judge(access!.level, role);
          const answer =
            key === "storage POST /v1/images"
              ? await uploadAvatar(url, role.account?.token, forgedHeaders(ctx))
              : await rest(
                  url,
                  method,
                  role.account?.token,
                  schema ? validFor(schema, 0, true) : undefined,
                  forgedHeaders(ctx),
                );
          if (expected === "denied") {
            const want = role.account && role.name !== "suspended user" ? 403 : 401;
            check(
              `rest ${key} as ${role.name}: refused with ${want}`,
              answer.status === want,
              `got ${answer.status} ${answer.text.slice(0, 200)}`,
            );
          } else {
            check(
              `rest ${key} as ${role.name}: allowed`,
              answer.status !== 401 && (answer.status !== 403 || access!.own403) && answer.status < 500,
              `got ${answer.status} ${answer.text.slice(0, 200)}`,
            );
          }
        }
      }
    }
  }
}

async function uploadAvatar(url: string, token: string | undefined, headers: Record<string, string>) {
  const form = new FormData();
  form.set("file", new Blob([new Uint8Array(png())], { type: "image/png" }), "avatar.png");
  const res = await fetch(url, {
    method: "POST",
    headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: form,
  });
  return { status: res.status, text: await res.text() };
}

export type { Role };
