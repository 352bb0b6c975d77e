import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { check, gql, rest, type SecurityContext } from "./context";

/**
 * The stand-in for a public web site: the only non-public address the link preview is allowed for the
 * suite (the storage service gets that policy), so its redirects into private space can be tried.
 */
export const PUBLIC_STAND_IN = "192.0.2.2";

export interface SsrfServers {
  /** On loopback: must never be reached by the link preview. */
  canaryUrl: string;
  canaryHits: () => number;
  /** On the stand-in address: redirects wherever `?to=` says, and serves a page with hostile metadata. */
  siteUrl: string;
  close(): Promise<void>;
}

const listen = (server: Server, host: string) =>
  new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`));
  });

export async function startSsrfServers(xssMarker: string): Promise<SsrfServers> {
  let hits = 0;
  const canary = createServer((_req, res) => {
    hits++;
    res.end("<html><head><title>internal secret</title></head></html>");
  });
  const site = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    if (url.pathname === "/r") {
      res.writeHead(302, { location: url.searchParams.get("to") ?? "/" }).end();
    } else if (url.pathname.startsWith("/chain/")) {
      const n = Number(url.pathname.split("/")[2]);
      res.writeHead(302, { location: n > 0 ? `/chain/${n - 1}` : "/page" }).end();
    } else {
      res.writeHead(200, { "content-type": "text/html" }).end(`<html><head>
<title>${xssMarker}</title>
<meta property="og:title" content="&quot;&gt;${xssMarker}">
<meta property="og:description" content="<img src=x onerror=window.__xss=1>">
<meta property="og:image" content="javascript:window.__xss=1">
</head><body>stand-in</body></html>`);
    }
  });
  const canaryUrl = await listen(canary, "127.0.0.1");
  const siteUrl = await listen(site, PUBLIC_STAND_IN);
  return {
    canaryUrl,
    canaryHits: () => hits,
    siteUrl,
    close: async () => {
      await new Promise((r) => canary.close(r));
      await new Promise((r) => site.close(r));
    },
  };
}

/** The link preview fetches only public addresses, before and after every redirect. */
export async function ssrfChecks(ctx: SecurityContext, servers: SsrfServers): Promise<void> {
  const port = new URL(servers.canaryUrl).port;
  const direct = [
    servers.canaryUrl,
    `http://localhost:${port}/`,
    `http://127.1:${port}/`,
    `http://2130706433:${port}/`,
    `http://0x7f000001:${port}/`,
    `http://0177.0.0.1:${port}/`,
    `http://0:${port}/`,
    `http://0.0.0.0:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://[::ffff:7f00:1]:${port}/`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/`,
    "http://[::]/",
    "http://[fd00::1]/",
    "http://[fe80::1]/",
    "http://[64:ff9b::7f00:1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:169.254.169.254]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://10.0.0.1/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://100.64.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    `http://user:pass@${PUBLIC_STAND_IN}/`,
    "file:///etc/passwd",
    "gopher://127.0.0.1:6379/_INFO",
    "ftp://127.0.0.1/",
    "data:text/html,<script>1</script>",
    "javascript:alert(1)",
  ];
  for (const url of direct) {
    const answer = await rest(
      `${ctx.urls.storage}/v1/link-preview`,
      "POST",
      ctx.user.token,
      { url },
      { "x-forwarded-for": ctx.nextAddress() },
    );
    check(
      `ssrf ${url}: refused`,
      answer.status >= 400 && answer.status < 500,
      `got ${answer.status} ${answer.text.slice(0, 160)}`,
    );
  }
  const redirects = [
    servers.canaryUrl,
    `http://localhost:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
    `http://2130706433:${port}/`,
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://[fd00::1]/",
    "file:///etc/passwd",
  ];
  for (const target of redirects) {
    const url = `${servers.siteUrl}/r?to=${encodeURIComponent(target)}`;
    const answer = await rest(
      `${ctx.urls.storage}/v1/link-preview`,
      "POST",
      ctx.user.token,
      { url },
      { "x-forwarded-for": ctx.nextAddress() },
    );
    check(
      `ssrf redirect to ${target}: refused`,
      answer.status >= 400 && answer.status < 500,
      `got ${answer.status} ${answer.text.slice(0, 160)}`,
    );
  }
  const chain = await rest(
    `${ctx.urls.storage}/v1/link-preview`,
    "POST",
    ctx.user.token,
    { url: `${servers.siteUrl}/chain/8` },
    { "x-forwarded-for": ctx.nextAddress() },
  );
  check(
    "ssrf: a long redirect chain is cut off",
    chain.status >= 400 && chain.status < 500,
    `got ${chain.status}`,
  );
  const viaBff = await gql(
    ctx.urls.bff,
    `mutation($url: String!) { fetchLinkPreview(url: $url) { __typename } }`,
    { url: servers.canaryUrl },
    ctx.admin.token,
  );
  check(
    "ssrf through the BFF: loopback refused",
    viaBff.data?.fetchLinkPreview == null && viaBff.errors.length > 0,
    JSON.stringify(viaBff).slice(0, 200),
  );

  // The control: the stand-in itself previews, so the refusals above are the policy, not a broken fetcher.
  const page = await rest(
    `${ctx.urls.storage}/v1/link-preview`,
    "POST",
    ctx.user.token,
    { url: `${servers.siteUrl}/chain/1` },
    { "x-forwarded-for": ctx.nextAddress() },
  );
  check(
    "ssrf control: the allowed site previews after a short redirect",
    page.status === 200,
    `got ${page.status} ${page.text.slice(0, 160)}`,
  );
  const image = String(page.body?.imageUrl ?? page.body?.image ?? "");
  check("link preview: a javascript: image URL is dropped", !/^\s*javascript:/i.test(image), image);
  check(
    "ssrf: the loopback canary was never reached",
    servers.canaryHits() === 0,
    `${servers.canaryHits()} hits`,
  );
}
