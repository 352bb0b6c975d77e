import { readdirSync, readFileSync } from "node:fs";
import { buildSchema, type GraphQLField, type GraphQLSchema } from "graphql";

const schemaDir = new URL("../../../bff/src/schema/", import.meta.url);

/** The BFF's schema as the BFF builds it: every `*.graphql` file of the schema folder, sorted. */
export function loadBffSchema(): GraphQLSchema {
  const sdl = readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(new URL(file, schemaDir), "utf8"))
    .join("\n");
  return buildSchema(sdl);
}

export interface RootField {
  operation: "query" | "mutation";
  name: string;
  field: GraphQLField<unknown, unknown>;
}

/** Every root field of Query and Mutation (extensions included). */
export function rootFields(schema: GraphQLSchema): RootField[] {
  const out: RootField[] = [];
  for (const [operation, type] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) out.push({ operation, name: field.name, field });
  }
  return out;
}
