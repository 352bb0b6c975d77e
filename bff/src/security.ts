import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { EnvelopArmorPlugin } from "@escape.tech/graphql-armor";
import { useDisableIntrospection } from "@graphql-yoga/plugin-disable-introspection";
import { usePersistedOperations } from "@graphql-yoga/plugin-persisted-operations";
import type { Env } from "@quire/service-kit";
import type { GraphQLError } from "graphql";
import { createGraphQLError, type Plugin } from "graphql-yoga";

export const LIMITS = { depth: 12, aliases: 30, cost: 5_000, tokens: 1_000 };

/** Refuses queries built to exhaust the BFF or the services behind it; each refusal is a validation error. */
export function armorPlugins(production: boolean): Plugin[] {
  // The rules' errors carry no code; the frontends branch on extensions.code.
  const coded = {
    onReject: [
      (_: unknown, error: GraphQLError) => {
        (error.extensions as Record<string, unknown>).code = "BAD_USER_INPUT";
      },
    ],
  };
  const off = { enabled: false };
  return [
    // Depth and aliases first: a deep or wide query then hears what is wrong with it, not only its cost.
    EnvelopArmorPlugin({
      maxDepth: { n: LIMITS.depth, flattenFragments: true, ...coded },
      maxAliases: { n: LIMITS.aliases, ...coded },
      maxTokens: { n: LIMITS.tokens, ...coded },
      maxDirectives: { n: 20, ...coded },
      // "Did you mean ...?" spells out the schema that production hides.
      blockFieldSuggestion: { enabled: production },
      costLimit: off,
    }) as Plugin,
    EnvelopArmorPlugin({
      costLimit: { maxCost: LIMITS.cost, ...coded },
      maxDepth: off,
      maxAliases: off,
      maxTokens: off,
      maxDirectives: off,
      blockFieldSuggestion: off,
    }) as Plugin,
  ];
}

export function productionPlugins(env: Env): Plugin[] {
  // Each app's build writes its own list (dist/trusted-documents.json); the BFF takes them all.
  const files = (env.BFF_TRUSTED_DOCUMENTS ?? "").split(",").filter((file) => file.trim() !== "");
  const documents: Record<string, string> = Object.assign(
    {},
    ...files.map((file) => JSON.parse(readFileSync(file.trim(), "utf8")) as Record<string, string>),
  );
  const untrusted = {
    message: "This operation is not one of the site's trusted documents",
    extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
  };
  const onlyTrustedText: Plugin = {
    onParams({ params }) {
      if (params.query !== undefined && !Object.hasOwn(documents, sha256(params.query))) {
        throw createGraphQLError(untrusted.message, { extensions: untrusted.extensions });
      }
    },
  };
  return [
    useDisableIntrospection(),
    onlyTrustedText,
    usePersistedOperations({
      // A full text reaches this plugin only when onlyTrustedText found it in the store.
      allowArbitraryOperations: true,
      extractPersistedOperationId: (params) => {
        const body = params as typeof params & { documentId?: unknown };
        if (typeof body.documentId === "string") return body.documentId;
        const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
        return typeof hash === "string" ? hash : null;
      },
      getPersistedOperation: (key) => (Object.hasOwn(documents, key) ? documents[key]! : null),
      customErrors: { notFound: untrusted },
    }) as Plugin,
  ];
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
