import {
  type BreakingChange,
  buildSchema,
  type DangerousChange,
  findBreakingChanges,
  findDangerousChanges,
  type GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from "graphql";

/** One schema from the SDL files of an area each, in their sorted order (as the BFF loads them). */
export function schemaFromFiles(sources: string[]): GraphQLSchema {
  return buildSchema(sources.join("\n"));
}

/** The schema in a stable, sorted print, so the published file changes only when the contract does. */
export const printSorted = (schema: GraphQLSchema) => `${printSchema(lexicographicSortSchema(schema))}\n`;

/** What a change of the schema does to clients built against the published one. */
export function schemaChanges(
  published: GraphQLSchema,
  current: GraphQLSchema,
): { breaking: BreakingChange[]; dangerous: DangerousChange[] } {
  return {
    breaking: findBreakingChanges(published, current),
    dangerous: findDangerousChanges(published, current),
  };
}
