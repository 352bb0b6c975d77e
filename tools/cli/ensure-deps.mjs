// Installs the workspace's dependencies when they are missing or older than the lockfile,
// so `npm start` and `npm test` work on a fresh clone with nothing but Node and npm.
import { execSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const PNPM = "npx -y pnpm@10.34.9";
const lock = existsSync("pnpm-lock.yaml") ? readFileSync("pnpm-lock.yaml") : Buffer.from("");
const want = createHash("sha256").update(lock).digest("hex");
const stamp = "node_modules/.quire-install-stamp";
const have = existsSync(stamp) ? readFileSync(stamp, "utf8") : "";

if (have !== want) {
  const frozen = lock.length > 0 ? "--frozen-lockfile" : "";
  console.log("Installing dependencies (pnpm)...");
  execSync(`${PNPM} install ${frozen} --reporter=append-only`, { stdio: "inherit" });
  writeFileSync(stamp, want);
}
