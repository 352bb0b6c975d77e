import type { CodegenConfig } from "@graphql-codegen/cli";

const root = "../..";
const FRONTENDS = ["shell", "blog", "admin", "user"];

/**
 * The schema files are the source of truth. From them: the resolver types the BFF's resolver map is checked
 * against, and for each frontend the types of its operations (every `/* GraphQL *\/` string in its source),
 * which also validates each operation against the schema.
 */
const config: CodegenConfig = {
  overwrite: true,
  schema: `${root}/bff/src/schema/*.graphql`,
  generates: {
    [`${root}/bff/src/generated/graphql.ts`]: {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        contextType: "../context#BffContext",
        // Resolvers pass on what the services answer and the schema picks its fields from that, so parents
        // and results stay open; field names, arguments and the context are checked.
        defaultMapper: "any",
        enumsAsTypes: true,
      },
    },
    ...Object.fromEntries(
      FRONTENDS.map((app) => [
        `${root}/frontends/${app}/src/generated/graphql.ts`,
        {
          documents: [
            `${root}/frontends/${app}/src/**/*.{ts,tsx}`,
            `!${root}/frontends/${app}/src/generated/**`,
          ],
          plugins: ["typescript-operations"],
          config: {
            useTypeImports: true,
            onlyOperationTypes: true,
            enumsAsTypes: true,
            avoidOptionals: true,
          },
        },
      ]),
    ),
  },
};

export default config;
