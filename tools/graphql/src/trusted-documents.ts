import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Operations are static `/* GraphQL *\/` template strings, sent to the BFF exactly as written. */
const DOCUMENT = /\/\* GraphQL \*\/\s*`([^`]*)`/g;

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * The trusted documents of one app's source: sha256 of each operation's exact text -> the text. In
 * production the BFF accepts only these. A document with `${...}` is refused: its text would be decided at
 * run time, so no build could vouch for it.
 */
export function trustedDocuments(files: Array<{ path: string; text: string }>): Record<string, string> {
  const documents: Record<string, string> = {};
  for (const { path, text } of files) {
    for (const match of text.matchAll(DOCUMENT)) {
      const document = match[1]!;
      if (document.includes("${"))
        throw new Error(`${path}: a GraphQL document must not interpolate \${...}`);
      documents[sha256(document)] = document;
    }
  }
  return documents;
}

/** Every .ts/.tsx file under a source folder, generated code left out. */
export function sourceFiles(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes(`${join("src", "generated")}`))
    .map((path) => ({ path, text: readFileSync(path, "utf8") }));
}
