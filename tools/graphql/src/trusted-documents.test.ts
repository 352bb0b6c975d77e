import { describe, expect, it } from "vitest";
import { sha256, trustedDocuments } from "./trusted-documents";

describe("trusted documents from a frontend's source", () => {
  it("keys each /* GraphQL */ document by the sha256 of its exact text", () => {
    const query = "\n  query BlogHome {\n    homePage { featured { slug } }\n  }\n";
    const source = `const HOME = /* GraphQL */ \`${query}\`;\nconst other = \`not graphql\`;`;
    expect(trustedDocuments([{ path: "a.ts", text: source }])).toEqual({ [sha256(query)]: query });
  });

  it("refuses a document that interpolates, naming the file", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source under test holds an interpolation
    const source = "const Q = /* GraphQL */ `query X { ${FIELDS} }`;";
    expect(() => trustedDocuments([{ path: "src/api/x.ts", text: source }])).toThrow(/src\/api\/x.ts/);
  });
});
