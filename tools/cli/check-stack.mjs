// Checks a running stack end to end through the shell's /graphql, as a newcomer would:
//   node tools/cli/check-stack.mjs http://localhost:3000 admin@quire.local <password>
const [base = "http://localhost:3000", email = "admin@quire.local", password] = process.argv.slice(2);
const results = [];

async function gql(query, variables = {}, token) {
  const res = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

async function check(name, fn) {
  try {
    await fn();
    results.push([name, true]);
    console.log(`  ok   ${name}`);
  } catch (error) {
    results.push([name, false]);
    console.log(`  FAIL ${name}: ${error.message}`);
  }
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

async function waitForStack(timeoutMs = 240_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await gql("{ posts(first: 1) { edges { node { id } } } }");
      if (r.data?.posts?.edges?.length) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`no stack answered at ${base} within ${timeoutMs / 1000} s`);
}

await waitForStack();
let token;
let slug;
await check("the shell serves the site", async () => {
  const html = await (await fetch(base)).text();
  assert(html.includes('<div id="root"'), "no app root in index.html");
});
await check("posts(first: 5) returns seeded posts with author names", async () => {
  const r = await gql("{ posts(first: 5) { edges { node { slug title author { name } } } } }");
  const edges = r.data.posts.edges;
  assert(edges.length === 5, `expected 5 posts, got ${edges.length}`);
  assert(
    edges.every((e) => e.node.author?.name),
    "a post lacks its author's name",
  );
  slug = edges[0].node.slug;
});
await check("the admin signs in", async () => {
  const r = await gql(
    "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }",
    {
      e: email,
      p: password,
    },
  );
  token = r.data?.login?.accessToken;
  assert(token, JSON.stringify(r.errors));
});
await check("a renamed admin shows on their post within 2 s", async () => {
  const name = `Renamed ${Date.now() % 10000}`;
  await gql("mutation($n: String!) { updateProfile(input: { name: $n }) { name } }", { n: name }, token);
  const deadline = Date.now() + 2000;
  let seen;
  while (Date.now() < deadline) {
    const r = await gql("query($s: String!) { post(slug: $s) { author { name } } }", { s: slug });
    seen = r.data.post.author.name;
    if (seen === name) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`author still "${seen}"`);
});

const failed = results.filter(([, ok]) => !ok).length;
console.log(`stack check: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
