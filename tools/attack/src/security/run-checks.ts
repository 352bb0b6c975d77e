// The security suite's checks, run in the child process whose output the parent reads as logs.
import { publicAddressesOnly } from "../../../../services/storage/src/link-preview/address-policy";
import { startAttackStack } from "../stack";
import { graphqlMatrix, restMatrix } from "./authz";
import { boundaryChecks } from "./boundaries";
import { check, createAccount, eventually, nextAddress, rest, type SecurityContext, secret } from "./context";
import { objectChecks } from "./objects";
import { rateLimitChecks } from "./rate-limits";
import { PUBLIC_STAND_IN, ssrfChecks, startSsrfServers } from "./ssrf";
import { tokenChecks } from "./tokens";
import { uploadChecks } from "./uploads";
import { MARK, startSite, xssChecks } from "./xss";

const attack = await startAttackStack({
  storage: {
    linkPreview: {
      isAllowedAddress: (address) => address === PUBLIC_STAND_IN || publicAddressesOnly(address),
      timeoutMs: 3_000,
    },
  },
});
const ssrfServers = await startSsrfServers(`${MARK} <script>window.__xss=1</script>`);

async function setUp(): Promise<SecurityContext> {
  const admin = await createAccount(attack, "ADMIN", "Attack Admin");
  const user = await createAccount(attack, "USER", "Attack User");
  const other = await createAccount(attack, "USER", "Attack Other");
  const suspended = await createAccount(attack, "USER", "Attack Suspended");
  const category = await rest(`${attack.urls.blog}/v1/categories`, "POST", admin.token, { name: "Attack" });
  const post = await rest(`${attack.urls.blog}/v1/posts`, "POST", admin.token, {
    title: "Attack target",
    contentHtml: "<p>target</p>",
    categoryId: category.body.id,
  });
  const suspension = await rest(
    `${attack.urls.auth}/v1/admin/users/${suspended.id}/status`,
    "PUT",
    admin.token,
    {
      status: "SUSPENDED",
    },
  );
  if (suspension.status !== 200)
    throw new Error(`could not suspend: ${suspension.status} ${suspension.text}`);
  // Revocation and the post reach the other services through events.
  await eventually(
    async () => (await rest(`${attack.urls.content}/v1/me/bookmarks`, "GET", suspended.token)).status === 401,
  );
  await eventually(
    async () =>
      (await rest(`${attack.urls.content}/v1/posts/${post.body.id}/comments`, "GET")).status === 200,
  );
  return {
    attack,
    urls: attack.urls,
    admin,
    user,
    other,
    suspended,
    post: { id: post.body.id, slug: post.body.slug },
    nextAddress,
    quick: process.argv.includes("--quick") || process.env.ATTACK_QUICK === "1",
  };
}

async function group(name: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    check(`${name}: ran to the end`, false, String((error as Error)?.stack ?? error));
  }
  process.stderr.write(`# ${name} ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

let exitCode = 0;
let closeSite = async () => {};
try {
  const ctx = await setUp();
  const site = await startSite(ctx);
  closeSite = () => site.servers.close();
  await group("boundaries", () => boundaryChecks(ctx, site.url));
  await group("tokens", () => tokenChecks(ctx));
  await group("graphql matrix", () => graphqlMatrix(ctx));
  await group("rest matrix", () => restMatrix(ctx));
  await group("objects", () => objectChecks(ctx));
  await group("uploads", () => uploadChecks(ctx));
  await group("ssrf", () => ssrfChecks(ctx, ssrfServers));
  await group("xss", () => xssChecks(ctx, site.url));
  await group("rate limits", () => rateLimitChecks(ctx));
  secret(attack.serviceToken);
} catch (error) {
  check("set-up", false, String((error as Error)?.stack ?? error));
  exitCode = 1;
} finally {
  // A service that cannot shut down (a job that never ends) must not keep the suite from reporting.
  const deadline = new Promise((resolve) => setTimeout(resolve, 30_000).unref());
  await Promise.race([
    (async () => {
      await closeSite();
      await ssrfServers.close();
      await attack.close();
    })(),
    deadline,
  ]);
}
process.exit(exitCode);
