// Run by each frontend's build after `vite build`: writes dist/trusted-documents.json, the operations this
// build sends, which ships with the app; a production BFF accepts only documents listed by a deployed app.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { sourceFiles, trustedDocuments } from "./trusted-documents";

const appDir = resolve(process.argv[2] ?? ".");
const documents = trustedDocuments(sourceFiles(join(appDir, "src")));
mkdirSync(join(appDir, "dist"), { recursive: true });
writeFileSync(join(appDir, "dist", "trusted-documents.json"), `${JSON.stringify(documents, null, 2)}\n`);
console.log(`trusted documents: ${Object.keys(documents).length} written to dist/trusted-documents.json`);
