// Fuzz suite: thousands of generated malformed requests against the BFF's /graphql and every public REST
// route the services list in their /openapi.json. Pass: no 5xx, no crash, every answer a clear 4xx (a JSON
// error with a code, or GraphQL errors) or a 2xx when the input turned out valid, and bounded RSS growth.
import { randomUUID } from "node:crypto";
import { createTestUser } from "@quire/service-kit/testing";
import fc from "fast-check";
import {
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLOutputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from "graphql";
import { loadBffSchema, type RootField, rootFields } from "./graphql-schema";
import { type Answer, inParallel, send, sendRaw, suiteSize } from "./http";
import { GIF_JS_POLYGLOT, multipart, png, pngBomb, SVG_WITH_SCRIPT } from "./images";
import { rssBytes, SERVICE_NAMES, startAttackStack } from "./stack";

const REQUESTS = suiteSize(4_000, 1_000);
const SEED = Number(process.env.ATTACK_SEED ?? 20261121);
/** RSS may grow this much from the warmed-up stack to the end (databases fill with the valid writes). */
const RSS_GROWTH_BOUND = 0.5;
const CONCURRENCY = 6;

type Json = unknown;
// biome-ignore lint/suspicious/noExplicitAny: OpenAPI documents are walked loosely
type Schema = any;

interface Case {
  kind: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Raw bytes for the socket instead of a fetch. */
  raw?: string | Buffer;
  graphql?: boolean;
  /** Oversized bodies may be answered (413) and the connection closed before the upload ends. */
  mayReset?: boolean;
}

interface Operation {
  service: string;
  method: string;
  path: string;
  pathParams: string[];
  query: Array<{ name: string; schema: Schema }>;
  body: Schema | null;
  multipart: boolean;
}

const crashes: string[] = [];
process.on("uncaughtException", (error) => crashes.push(`uncaught: ${error.stack ?? error}`));
process.on("unhandledRejection", (error) => crashes.push(`unhandled rejection: ${String(error)}`));

const progress = (what: string) => process.stderr.write(`# ${what}\n`);
const attack = await startAttackStack({ env: { QUIRE_RATE_LIMIT_FACTOR: "1000" } });
const { urls } = attack;
progress("stack started");
const user = await createTestUser(attack.stack, "USER", "Fuzz User");
const admin = await createTestUser(attack.stack, "ADMIN", "Fuzz Admin");
const known = await seedKnownIds();
const operations = await discoverOperations();
progress(`${operations.length} REST operations`);
const roots = rootFields(loadBffSchema());

async function seedKnownIds(): Promise<Record<string, string>> {
  const headers = admin.headers;
  const category = (await (
    await fetch(`${urls.blog}/v1/categories`, {
      method: "POST",
      headers,
      body: JSON.stringify({ name: "Fuzzing" }),
    })
  ).json()) as { id: string; slug: string };
  const post = (await (
    await fetch(`${urls.blog}/v1/posts`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Fuzz target", contentHtml: "<p>x</p>", categoryId: category.id }),
    })
  ).json()) as { id: string; slug: string };
  return { postId: post.id, slug: post.slug, categoryId: category.id, userId: user.id };
}

async function discoverOperations(): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const service of SERVICE_NAMES) {
    const spec = (await (await fetch(`${urls[service]}/openapi.json`)).json()) as Schema;
    for (const [path, methods] of Object.entries<Schema>(spec.paths ?? {})) {
      if (path.startsWith("/internal/")) continue;
      for (const [method, op] of Object.entries<Schema>(methods)) {
        const params: Schema[] = op.parameters ?? [];
        ops.push({
          service,
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === "path").map((p) => p.name),
          query: params.filter((p) => p.in === "query").map((p) => ({ name: p.name, schema: p.schema })),
          body: op.requestBody?.content?.["application/json"]?.schema ?? null,
          multipart: service === "storage" && path === "/v1/images",
        });
      }
    }
  }
  return ops;
}

// ---------- values ----------

/** A value the schema accepts, as far as a plain reading of it goes. */
function validFor(s: Schema, depth = 0): Json {
  if (!s || depth > 6) return null;
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives)
    return validFor(alternatives.find((a: Schema) => a.type !== "null") ?? alternatives[0], depth);
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== "null") : s.type;
  switch (type) {
    case "string": {
      if (s.format === "uuid") return known.postId;
      if (s.format === "email") return `fuzz-${randomUUID().slice(0, 8)}@example.com`;
      if (s.format === "uri" || s.format === "url") return "https://example.com/";
      if (s.format === "date-time") return new Date().toISOString();
      if (s.format === "date") return "2026-01-01";
      return "Fuzz-Value1".padEnd(s.minLength ?? 1, "x").slice(0, s.maxLength ?? 64);
    }
    case "integer":
    case "number":
      return s.minimum ?? s.exclusiveMinimum ?? 1;
    case "boolean":
      return true;
    case "array":
      return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => validFor(s.items, depth + 1));
    default: {
      const out: Record<string, Json> = {};
      for (const [key, prop] of Object.entries<Schema>(s.properties ?? {})) {
        out[key] = validFor(prop, depth + 1);
      }
      return out;
    }
  }
}

const nested = (levels: number): Json => {
  let v: Json = "bottom";
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/**
 * A generated value as text, the way a careless client would send it. `String()` itself throws for an object
 * whose `toString` is not a function, which `fc.jsonValue` generates (`{"toString": null}`).
 */
function asText(value: Json): string {
  try {
    return String(value);
  } catch {
    return JSON.stringify(value) ?? "null";
  }
}

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\uD800",
  "\uFEFF",
  "../../etc/passwd",
  "' OR 1=1 --",
  '"; drop table posts; --',
  "<script>alert(1)</script>",
  "%00",
  "%",
  "NaN",
  "-1",
  "1e309",
  "__proto__",
  "constructor",
  `$${"{"}jndi:ldap://x}`,
  "🦄".repeat(2_000),
  "가".repeat(5_000),
  "\r\nSet-Cookie: a=b",
);

const junk: fc.Arbitrary<Json> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  nastyStrings,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 10_000, max: 300_000 }).map((n) => "A".repeat(n)),
  fc.integer({ min: 1_000, max: 30_000 }).map((n) => Array.from({ length: n }, (_, i) => i)),
  fc.integer({ min: 50, max: 3_000 }).map(nested),
);

type BodyMutation = "valid" | "drop" | "retype" | "extra" | "whole" | "proto";

function mutateBody(valid: Json, how: BodyMutation, pick: number, value: Json): Json {
  if (how === "valid") return valid;
  if (how === "whole" || typeof valid !== "object" || valid === null || Array.isArray(valid)) return value;
  const obj = { ...(valid as Record<string, Json>) };
  const keys = Object.keys(obj);
  const key = keys.length ? keys[pick % keys.length]! : "x";
  if (how === "drop") delete obj[key];
  if (how === "retype") obj[key] = value;
  if (how === "extra") obj[`extra${pick % 7}`] = value;
  return obj;
}

/** Encodes a body, or deliberately breaks it on the wire. */
type Encoding = "json" | "badJson" | "invalidUtf8" | "wrongType" | "oversized" | "empty";
const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/xml",
  "multipart/form-data",
  "application/json; charset=utf-16",
  "application/octet-stream",
  "image/png",
];

function encode(body: Json, encoding: Encoding, pick: number): { body?: Uint8Array | string; type?: string } {
  const text = JSON.stringify(body) ?? "null";
  switch (encoding) {
    case "json":
      return { body: text, type: "application/json" };
    case "badJson":
      return {
        body: [
          text.slice(0, Math.max(1, text.length - 1)),
          `${text},`,
          `{"a":}`,
          "{'a':1}",
          "[1,2",
          "\u0000",
        ][pick % 6],
        type: "application/json",
      };
    case "invalidUtf8": {
      const bytes = Buffer.from(text);
      const bad = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe]), Buffer.from([0xed, 0xa0, 0x80])][
        pick % 3
      ]!;
      const at = Math.min(bytes.length, 1 + (pick % Math.max(1, bytes.length - 1)));
      return {
        body: Buffer.concat([bytes.subarray(0, at), bad, bytes.subarray(at)]),
        type: "application/json",
      };
    }
    case "wrongType":
      return { body: text, type: WRONG_TYPES[pick % WRONG_TYPES.length] };
    case "oversized":
      return { body: JSON.stringify({ blob: "x".repeat(1_300_000) }), type: "application/json" };
    case "empty":
      return { body: "", type: "application/json" };
  }
}

const tokenFor = (who: number): Record<string, string> =>
  [
    {},
    { authorization: `Bearer ${user.token}` },
    { authorization: `Bearer ${admin.token}` },
    { authorization: "Bearer not.a.jwt" },
    { authorization: `Basic ${Buffer.from("admin:admin").toString("base64")}` },
    { authorization: `Bearer ${"A".repeat(20_000)}` },
  ][who % 6]!;

function pathValue(name: string, choice: number, value: Json): string {
  const candidates = [
    known[name === "id" ? "postId" : name] ?? known.postId!,
    known.slug!,
    randomUUID(),
    asText(value).slice(0, 5_000),
    "%E0%A4%A",
    "..%2F..%2Finternal%2Fbackup",
    "x".repeat(10_000),
    "%00",
  ];
  const raw = candidates[choice % candidates.length]!;
  return choice % candidates.length >= 4 ? raw : encodePathSegment(raw);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * `encodeURIComponent` throws on a lone surrogate (generated text has them); such a character goes out as
 * the bytes of an encoded surrogate, which are invalid UTF-8 for the server to refuse.
 */
function encodePathSegment(raw: string): string {
  return raw.split(LONE_SURROGATE).map(encodeURIComponent).join("%ED%A0%80");
}

const restCase = fc
  .record({
    op: fc.nat(),
    how: fc.constantFrom<BodyMutation>("valid", "drop", "retype", "extra", "whole", "proto"),
    encoding: fc.constantFrom<Encoding>(
      "json",
      "json",
      "json",
      "badJson",
      "invalidUtf8",
      "wrongType",
      "oversized",
      "empty",
    ),
    pick: fc.nat(),
    value: junk,
    queryValue: junk,
    who: fc.nat(),
    extraQuery: fc.boolean(),
  })
  .map(({ op, how, encoding, pick, value, queryValue, who, extraQuery }): Case => {
    const operation = operations[op % operations.length]!;
    let path = operation.path;
    for (const name of operation.pathParams) path = path.replace(`{${name}}`, pathValue(name, pick, value));
    const query = new URLSearchParams();
    for (const q of operation.query) {
      if (pick % 3 === 0) continue;
      query.set(q.name, pick % 3 === 1 ? String(validFor(q.schema)) : asText(queryValue).slice(0, 20_000));
    }
    if (extraQuery) query.append("unexpected", asText(queryValue).slice(0, 1_000));
    const headers: Record<string, string> = { ...tokenFor(who) };
    let body: string | Uint8Array | undefined;
    if (operation.method !== "GET" && operation.method !== "DELETE") {
      const valid = validFor(operation.body ?? { type: "object" });
      const payload =
        how === "proto"
          ? `{"__proto__":{"role":"ADMIN","isAdmin":true},"constructor":{"prototype":{"x":1}}}`
          : undefined;
      const encoded = payload
        ? { body: payload, type: "application/json" }
        : encode(mutateBody(valid, how, pick, value), encoding, pick);
      body = encoded.body;
      if (encoded.type) headers["content-type"] = encoded.type;
    } else if (operation.method === "DELETE" && pick % 5 === 0) {
      // A body on a DELETE is unusual (fetch sends none on a GET); it must not confuse the route either.
      body = JSON.stringify(value) ?? "null";
      headers["content-type"] = "application/json";
    }
    return {
      kind: `rest ${operation.service} ${operation.method} ${operation.path} ${encoding}/${how}`,
      url: `${urls[operation.service as keyof typeof urls]}${path}${query.size ? `?${query}` : ""}`,
      method: operation.method,
      headers,
      body,
      mayReset: encoding === "oversized" || asText(value).length > 100_000,
    };
  });

// ---------- GraphQL ----------

function literalFor(type: GraphQLInputType, pick: number, value: Json, depth = 0): string {
  if (isNonNullType(type)) return literalFor(type.ofType, pick, value, depth);
  if (isListType(type)) return `[${literalFor(type.ofType, pick, value, depth + 1)}]`;
  if (pick % 4 === 0) return JSON.stringify(JSON.stringify(value)?.slice(0, 50_000) ?? "null");
  if (isEnumType(type)) return type.getValues()[pick % type.getValues().length]!.name;
  if (isInputObjectType(type)) {
    if (depth > 3) return "{}";
    const fields = Object.values(type.getFields()).map(
      (f) => `${f.name}: ${literalFor(f.type, pick >> 1, value, depth + 1)}`,
    );
    return `{ ${fields.join(", ")} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return [String(pick % 100), "-1", "2147483648", "1.5", '"1"'][pick % 5]!;
      case "Boolean":
        return pick % 2 ? "true" : "1";
      case "ID":
        return JSON.stringify([known.postId, randomUUID(), "x", ""][pick % 4]);
      default:
        return JSON.stringify(typeof value === "string" ? value.slice(0, 100_000) : "Fuzz text");
    }
  }
  return "null";
}

function selection(type: GraphQLOutputType, pick: number, depth: number): string {
  const named: GraphQLNamedType = getNamedType(type);
  if (!isObjectType(named)) return "";
  if (depth <= 0) return "{ __typename }";
  const fields = Object.values(named.getFields());
  const chosen = fields.filter((_, i) => (pick >> (i % 20)) & 1 || i === pick % fields.length);
  const parts = chosen.map((f) => {
    const args = f.args.length
      ? `(${f.args.map((a) => `${a.name}: ${literalFor(a.type, pick, "x")}`).join(", ")})`
      : "";
    return `${f.name}${args} ${selection(f.type, pick * 7 + 3, depth - 1)}`;
  });
  return `{ ${parts.join(" ")} }`;
}

function argsFor(args: readonly GraphQLArgument[], pick: number, value: Json): string {
  const used = args.filter((a, i) => (isNonNullType(a.type) ? pick % 9 !== 0 : (pick >> i) & 1));
  if (used.length === 0) return "";
  return `(${used.map((a) => `${a.name}: ${literalFor(a.type, pick, value)}`).join(", ")})`;
}

function operationText(root: RootField, pick: number, value: Json, depth: number): string {
  return `${root.operation} Fuzz { ${root.name}${argsFor(root.field.args, pick, value)} ${selection(
    root.field.type,
    pick,
    depth,
  )} }`;
}

const deepComments = (levels: number) =>
  `query Deep { post(slug: "${known.slug}") { comments { edges { node { ${"replies { ".repeat(levels)} id ${"} ".repeat(levels)} } } } } }`;
const introspectionBomb = (levels: number) =>
  `{ __schema { types { ${"fields { type { ".repeat(levels)} name ${"} } ".repeat(levels)} } } }`;

type GraphqlShape =
  | "generated"
  | "deep"
  | "aliases"
  | "tokens"
  | "directives"
  | "fragmentCycle"
  | "introspection"
  | "batch"
  | "get"
  | "badJson"
  | "wrongType"
  | "notString"
  | "variables"
  | "invalidUtf8"
  | "oversized"
  | "syntax";

const graphqlCase = fc
  .record({
    root: fc.nat(),
    pick: fc.nat(),
    depth: fc.integer({ min: 0, max: 20 }),
    value: junk,
    who: fc.nat(),
    shape: fc.constantFrom<GraphqlShape>(
      "generated",
      "generated",
      "generated",
      "generated",
      "deep",
      "aliases",
      "tokens",
      "directives",
      "fragmentCycle",
      "introspection",
      "batch",
      "get",
      "badJson",
      "wrongType",
      "notString",
      "variables",
      "invalidUtf8",
      "oversized",
      "syntax",
    ),
  })
  .map(({ root, pick, depth, value, who, shape }): Case => {
    const field = roots[root % roots.length]!;
    const headers: Record<string, string> = { "content-type": "application/json", ...tokenFor(who) };
    let query = operationText(field, pick, value, depth);
    let body: string | Uint8Array | undefined;
    let url = `${urls.bff}/graphql`;
    let method = "POST";
    switch (shape) {
      case "deep":
        query = deepComments(10 + (pick % 60));
        break;
      case "aliases":
        query = `{ ${Array.from({ length: 31 + (pick % 300) }, (_, i) => `a${i}: homePage { latest { id } }`).join(" ")} }`;
        break;
      case "tokens":
        query = `{ ${"__typename ".repeat(1_001 + (pick % 20_000))} }`;
        break;
      case "directives":
        query = `{ me ${"@include(if: true) ".repeat(21 + (pick % 500))} { id } }`;
        break;
      case "fragmentCycle":
        query = `query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }`;
        break;
      case "introspection":
        query = introspectionBomb(5 + (pick % 40));
        break;
      case "syntax":
        query = [
          `{`,
          `{ homePage { `,
          `query ($x: ) { a }`,
          `}}}}`,
          `{ "x" }`,
          `mutation { ${"(".repeat(5_000)} }`,
          "\u0000",
        ][pick % 7]!;
        break;
    }
    switch (shape) {
      case "batch":
        body = JSON.stringify(Array.from({ length: 2 + (pick % 50) }, () => ({ query })));
        break;
      case "get":
        method = "GET";
        url = `${url}?query=${encodeURIComponent(pick % 2 ? query : `mutation { logout }`)}`;
        delete headers["content-type"];
        break;
      case "badJson":
        body = `{"query": ${JSON.stringify(query).slice(0, -1)}`;
        break;
      case "wrongType":
        body = query;
        headers["content-type"] = WRONG_TYPES[pick % WRONG_TYPES.length]!;
        break;
      case "notString":
        body = JSON.stringify({ query: value, variables: "x", operationName: 5, extensions: value });
        break;
      case "variables": {
        const arg = field.field.args[0];
        const text = arg
          ? `${field.operation} V($v: ${arg.type.toString()}) { ${field.name}(${arg.name}: $v) { __typename } }`
          : query;
        body = JSON.stringify({ query: text, variables: { v: value } });
        break;
      }
      case "invalidUtf8":
        body = Buffer.concat([
          Buffer.from(`{"query":"{ search(query: \\"`),
          Buffer.from([0xff, 0xc3, 0x28]),
          Buffer.from(`\\") { edges { cursor } } }"}`),
        ]);
        break;
      case "oversized":
        body = JSON.stringify({ query, variables: { blob: "x".repeat(1_300_000) } });
        break;
      default:
        body = JSON.stringify({ query });
    }
    return {
      kind: `graphql ${shape} ${field.name}`,
      url,
      method,
      headers,
      body,
      graphql: true,
      mayReset: shape === "oversized",
    };
  });

// ---------- uploads ----------

type UploadShape =
  | "random"
  | "wrongMagic"
  | "svg"
  | "gifJs"
  | "bomb"
  | "oversized"
  | "twoFiles"
  | "field"
  | "noFile"
  | "noBoundary"
  | "truncated"
  | "valid";
const uploadCase = fc
  .record({
    shape: fc.constantFrom<UploadShape>(
      "random",
      "wrongMagic",
      "svg",
      "gifJs",
      "bomb",
      "oversized",
      "twoFiles",
      "field",
      "noFile",
      "noBoundary",
      "truncated",
      "valid",
    ),
    bytes: fc.uint8Array({ maxLength: 4_096 }),
    purpose: fc.constantFrom("avatar", "cover", "post", "", "../../x", "AVATAR"),
    who: fc.nat(),
  })
  .map(({ shape, bytes, purpose, who }): Case => {
    const file = (data: Buffer, filename = "x.png") => ({ name: "file", filename, type: "image/png", data });
    let form: { body: Buffer; contentType: string };
    switch (shape) {
      case "random":
        form = multipart([file(Buffer.from(bytes))]);
        break;
      case "wrongMagic":
        form = multipart([file(Buffer.concat([Buffer.from("NOTPNG"), png().subarray(8)]))]);
        break;
      case "svg":
        form = multipart([{ name: "file", filename: "x.svg", type: "image/svg+xml", data: SVG_WITH_SCRIPT }]);
        break;
      case "gifJs":
        form = multipart([file(GIF_JS_POLYGLOT, "x.gif")]);
        break;
      case "bomb":
        form = multipart([file(pngBomb())]);
        break;
      case "oversized":
        form = multipart([file(Buffer.concat([png(), Buffer.alloc(11 * 1024 * 1024)]))]);
        break;
      case "twoFiles":
        form = multipart([file(png()), file(png())]);
        break;
      case "field":
        form = multipart([{ name: "note", data: "hello" }, file(png())]);
        break;
      case "noFile":
        form = multipart([]);
        break;
      case "noBoundary":
        form = { body: multipart([file(png())]).body, contentType: "multipart/form-data" };
        break;
      case "truncated": {
        const whole = multipart([file(png())]);
        form = { body: whole.body.subarray(0, whole.body.length - 20), contentType: whole.contentType };
        break;
      }
      case "valid":
        form = multipart([file(png(16, 16))]);
        break;
    }
    return {
      kind: `upload ${shape} purpose=${purpose}`,
      url: `${urls.storage}/v1/images?purpose=${encodeURIComponent(purpose)}`,
      method: "POST",
      headers: { "content-type": form.contentType, ...tokenFor(who) },
      body: form.body,
      mayReset: shape === "oversized",
    };
  });

// ---------- raw HTTP ----------

const rawCase = fc
  .record({ shape: fc.nat({ max: 6 }), service: fc.constantFrom<string>(...SERVICE_NAMES, "bff") })
  .map(({ shape, service }): Case => {
    const host = new URL(urls[service as keyof typeof urls]).host;
    const requests = [
      "GARBAGE\r\n\r\n",
      `POST /v1/login HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{}`,
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`,
      `POST /graphql HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /internal/backup HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `GET / HTTP/1.1\r\nHost: ${host}\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      `GET /healthz HTTP/9.9\r\nHost: ${host}\r\n\r\n`,
      `GET /\u0000\u0001 HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
    ];
    return {
      kind: `raw ${service} #${shape}`,
      url: urls[service as keyof typeof urls],
      method: "RAW",
      headers: {},
      raw: requests[shape]!,
    };
  });

// ---------- the run ----------

const anyCase = fc.oneof(
  { weight: 50, arbitrary: restCase },
  { weight: 35, arbitrary: graphqlCase },
  { weight: 10, arbitrary: uploadCase },
  { weight: 3, arbitrary: rawCase },
);

const failures: string[] = [];
let fiveXx = 0;
let unclear = 0;
let requests = 0;

/** Statuses that say what is wrong by themselves, whatever the body. */
const SELF_EXPLAINING = new Set([413, 414, 415, 431]);

/**
 * A 2xx, or a 4xx that says what is wrong: GraphQL errors with messages, the kit's `{ error: { code,
 * message } }`, or fastify's own `{ code?, message }` for what it refuses before routing (a bad URL, an
 * over-long parameter, headers too large).
 */
function isClear(c: Case, a: Answer): boolean {
  if (a.status >= 200 && a.status < 300) return true;
  if (a.status < 400 || a.status >= 500) return false;
  let body: Schema;
  try {
    body = JSON.parse(a.text);
  } catch {
    return SELF_EXPLAINING.has(a.status);
  }
  if (c.graphql && Array.isArray(body?.errors)) {
    return body.errors.length > 0 && body.errors.every((e: Schema) => typeof e?.message === "string");
  }
  if (typeof body?.error?.message === "string" || typeof body?.message === "string") return true;
  if (SELF_EXPLAINING.has(a.status)) {
    if (unclearBodies.size < 10)
      unclearBodies.add(`${a.status} ${c.kind.split(" ").slice(0, 2).join(" ")}: ${a.text.slice(0, 80)}`);
    return true;
  }
  return false;
}

/** 4xx answers whose status is clear but whose body says nothing: listed as findings, not failures. */
const unclearBodies = new Set<string>();

/** Settles with `undefined` when `promise` has not settled within `ms`: a request must never hang the suite. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function run(c: Case): Promise<void> {
  requests++;
  if (requests % 500 === 0) progress(`${requests}/${REQUESTS}`);
  if (c.raw !== undefined) {
    const status = (await withDeadline(sendRaw(c.url, c.raw), 20_000)) ?? 0;
    if (status >= 500) {
      fiveXx++;
      failures.push(`${status} ${c.kind}`);
    }
    return;
  }
  const answer = await withDeadline(
    send(c.url, { method: c.method, headers: c.headers, body: c.body }),
    45_000,
  );
  if (!answer) {
    crashes.push(`no answer within 45 s: ${c.kind} ${c.url.slice(0, 160)}`);
    return;
  }
  if (answer.status >= 500) {
    fiveXx++;
    if (failures.length < 40)
      failures.push(`${answer.status} ${c.kind} ${c.url.slice(0, 160)}: ${answer.text.slice(0, 120)}`);
  } else if (answer.status === 0 && c.mayReset) {
    // The server answered 413 and closed the connection while the client was still uploading.
  } else if (!isClear(c, answer)) {
    unclear++;
    if (failures.length < 40)
      failures.push(`unclear ${answer.status} ${c.kind}: ${answer.text.slice(0, 200)}`);
  }
}

async function everyoneAlive(): Promise<void> {
  for (const [name, url] of Object.entries(urls)) {
    const health = await withDeadline(send(`${url}/healthz`, { timeoutMs: 10_000 }), 15_000);
    if (health?.status !== 200)
      crashes.push(`${name} stopped answering /healthz (${health?.status ?? "no answer"})`);
  }
}

const BATCH = 200;
/** Cases are made a batch at a time (batch i from seed + i), so huge generated values never pile up. */
const batchOf = (index: number, size: number) => fc.sample(anyCase, { numRuns: size, seed: SEED + index });
const gc = (globalThis as { gc?: () => void }).gc;
const warmup = Math.min(REQUESTS, BATCH);

/**
 * Sends every case; answers RSS after the warm-up batch. The suite's own errors (a generator that throws)
 * end the run at once: the handlers above would otherwise swallow them and leave it waiting forever.
 */
async function fuzzAll(): Promise<number> {
  await inParallel(
    batchOf(0, warmup).map((c) => () => run(c)),
    CONCURRENCY,
  );
  gc?.();
  const rssAfterWarmup = rssBytes();
  for (let start = warmup, index = 1; start < REQUESTS; start += BATCH, index++) {
    await inParallel(
      batchOf(index, Math.min(BATCH, REQUESTS - start)).map((c) => () => run(c)),
      CONCURRENCY,
    );
    await everyoneAlive();
  }
  gc?.();
  return rssAfterWarmup;
}

let rssAfterWarmup: number;
try {
  rssAfterWarmup = await fuzzAll();
} catch (error) {
  console.error(`fuzz: the suite itself failed: ${(error as Error)?.stack ?? error}`);
  await withDeadline(attack.close(), 30_000);
  process.exit(1);
}
const rssGrowth = (rssBytes() - rssAfterWarmup) / rssAfterWarmup;

for (const f of failures) console.error(`  ${f}`);
for (const b of unclearBodies) console.error(`  note: a bare ${b}`);
for (const c of crashes) console.error(`  crash: ${c}`);
if (unclear) console.error(`  ${unclear} answers were neither 2xx nor a coded 4xx error`);
if (rssGrowth > RSS_GROWTH_BOUND) {
  console.error(`  RSS grew ${(rssGrowth * 100).toFixed(1)}%, over the ${RSS_GROWTH_BOUND * 100}% bound`);
}
const ok = fiveXx === 0 && crashes.length === 0 && unclear === 0 && rssGrowth <= RSS_GROWTH_BOUND;
console.log(
  `fuzz: requests=${requests} 5xx=${fiveXx} crashes=${crashes.length} rss_growth=${(rssGrowth * 100).toFixed(1)}%`,
);
// A service that cannot shut down (a job that never ends) must not keep the suite from reporting.
await withDeadline(attack.close(), 30_000);
process.exit(ok ? 0 : 1);
