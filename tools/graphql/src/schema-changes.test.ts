import { describe, expect, it } from "vitest";
import { printSorted, schemaChanges, schemaFromFiles } from "./schema-changes";

const published = schemaFromFiles([
  "type Query { post(slug: String!): Post }",
  "type Post { id: ID! title: String! likeCount: Int }",
]);
const typesOf = (changes: Array<{ type: string }>) => changes.map((c) => c.type);

describe("schema changes against the published contract", () => {
  it("accepts additions: a new field, a new optional argument, a new type", () => {
    const current = schemaFromFiles([
      "type Query { post(slug: String!, preview: Boolean): Post tags: [Tag!]! }",
      "type Post { id: ID! title: String! likeCount: Int excerpt: String }",
      "type Tag { slug: String! }",
    ]);
    expect(schemaChanges(published, current).breaking).toEqual([]);
  });

  it("refuses a removed field, a type narrowed for inputs, and a new required argument", () => {
    const current = schemaFromFiles([
      "type Query { post(slug: String!, lang: String!): Post }",
      "type Post { id: ID! likeCount: String viewCount: Int }",
    ]);
    expect(typesOf(schemaChanges(published, current).breaking).sort()).toEqual(
      ["FIELD_CHANGED_KIND", "FIELD_REMOVED", "REQUIRED_ARG_ADDED"].sort(),
    );
  });

  it("prints the same schema the same way whatever the order of its files", () => {
    const a = schemaFromFiles(["type Query { a: Int }", "extend type Query { b: Int }"]);
    const b = schemaFromFiles(["type Query { b: Int }", "extend type Query { a: Int }"]);
    expect(printSorted(a)).toBe(printSorted(b));
  });
});
