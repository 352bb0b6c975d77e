// `npm run schema:check`: refuses a change of the BFF's schema that would break a frontend already deployed
// (a removed field, a narrowed argument, a changed type). `npm run schema:publish` records the current
// schema as the published contract once every client is updated.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSchema } from "graphql";
import { printSorted, schemaChanges, schemaFromFiles } from "./schema-changes";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const schemaDir = join(root, "bff/src/schema");
const publishedFile = join(root, "bff/published-schema.graphql");

const current = schemaFromFiles(
  readdirSync(schemaDir)
    .filter((file) => file.endsWith(".graphql"))
    .sort()
    .map((file) => readFileSync(join(schemaDir, file), "utf8")),
);

if (process.argv.includes("--publish")) {
  writeFileSync(publishedFile, printSorted(current));
  console.log("schema: published to bff/published-schema.graphql");
  process.exit(0);
}

const publishedText = readFileSync(publishedFile, "utf8");
const { breaking, dangerous } = schemaChanges(buildSchema(publishedText), current);
for (const change of dangerous) console.warn(`schema: dangerous: ${change.type}: ${change.description}`);
if (breaking.length > 0) {
  for (const change of breaking) console.error(`schema: BREAKING: ${change.type}: ${change.description}`);
  console.error(
    `schema: ${breaking.length} breaking change(s) against bff/published-schema.graphql. Deprecate instead ` +
      "(@deprecated), or, once every client is updated, run `npm run schema:publish`.",
  );
  process.exit(1);
}
const unpublished = printSorted(current) !== publishedText;
console.log(
  `schema: no breaking change${unpublished ? " (additions not yet published: npm run schema:publish)" : ""}`,
);
