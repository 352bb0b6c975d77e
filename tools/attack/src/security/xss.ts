import { chromium, type Page } from "@playwright/test";
import { frontendApps } from "../../../stack/src/components";
import { type FrontendServers, startFrontendServers } from "../../../stack/src/frontend-servers";
import { fromRoot } from "../../../stack/src/paths";
import { check, createAccount, eventually, rest, type SecurityContext } from "./context";

/** Text beside each stored payload, so a check knows the page really rendered the stored content. */
export const MARK = "xssmark";

/** Each payload, if it ran, would set `window.__xss` or open a dialog. */
export const PAYLOADS = [
  `<script>window.__xss=1</script>`,
  `<img src=x onerror="window.__xss=1">`,
  `<img src=x onerror=alert(1)>`,
  `<svg onload="window.__xss=1"></svg>`,
  `<svg><script>window.__xss=1</script></svg>`,
  `<svg><animate onbegin="window.__xss=1" attributeName="x" dur="1s"></animate></svg>`,
  `<svg><a xlink:href="javascript:window.__xss=1"><text x="10" y="20">svg link</text></a></svg>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1"></style></mglyph></table></mtext></math>`,
  `<math href="javascript:window.__xss=1">math link</math>`,
  `<a href="javascript:window.__xss=1">plain js link</a>`,
  `<a href="JaVaScRiPt:window.__xss=1">mixed case link</a>`,
  `<a href="&#106;avascript:window.__xss=1">entity link</a>`,
  `<a href="java&#x09;script:window.__xss=1">tab link</a>`,
  `<a href=" javascript:window.__xss=1">space link</a>`,
  `<a href="data:text/html,<script>window.__xss=1</script>">data link</a>`,
  `<iframe src="javascript:window.__xss=1"></iframe>`,
  `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`,
  `<details open ontoggle="window.__xss=1"><summary>d</summary></details>`,
  `<input autofocus onfocus="window.__xss=1">`,
  `<object data="javascript:window.__xss=1"></object>`,
  `<embed src="javascript:window.__xss=1">`,
  `<form action="javascript:window.__xss=1"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">`,
  `<base href="javascript:/">`,
  `<style>@import 'javascript:window.__xss=1';</style>`,
  `<div style="background:url(javascript:window.__xss=1)">styled</div>`,
  `"><img src=x onerror=window.__xss=1>`,
  `'><script>window.__xss=1</script>`,
  `</textarea><script>window.__xss=1</script>`,
  `<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">`,
  `<p title="</p><img src=x onerror=window.__xss=1>">attr</p>`,
  `&lt;script&gt;window.__xss=1&lt;/script&gt;`,
  `%3Cscript%3Ewindow.__xss=1%3C/script%3E`,
  `\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e`,
  `<img src=x onerror=&#119;indow.__xss=1>`,
  `<scr<script>ipt>window.__xss=1</scr</script>ipt>`,
  `<template><img src=x onerror="window.__xss=1"></template>`,
  `<video><source onerror="window.__xss=1"></video>`,
  `<body onload="window.__xss=1">`,
  `<marquee onstart="window.__xss=1">m</marquee>`,
];

/** Short payloads for fields with small limits (names, badges, titles). */
const SHORT = [
  `<svg/onload=alert()>`,
  `<img src=x onerror=alert(1)>`,
  `<script>alert(1)</script>`,
  `"><svg onload=alert(1)>`,
  `javascript:alert(1)`,
];

interface Seeded {
  postSlug: string;
  noticeSlug: string;
  categorySlug: string;
  bugReportIds: string[];
}

async function seedPayloads(ctx: SecurityContext): Promise<Seeded> {
  const { urls, admin } = ctx;
  const category = await rest(`${urls.blog}/v1/categories`, "POST", admin.token, {
    name: `${MARK} ${SHORT[0]}`,
  });
  check(
    "xss seed: category with a payload name",
    category.status === 201,
    `got ${category.status} ${category.text.slice(0, 200)}`,
  );
  const post = await rest(`${urls.blog}/v1/posts`, "POST", admin.token, {
    title: `${MARK} post ${SHORT[1]}`,
    contentHtml: PAYLOADS.map((p) => `<p>${MARK}</p>${p}`).join("\n"),
    categoryId: category.body?.id,
    tags: [`${MARK}-tag`, SHORT[0]],
  });
  check(
    "xss seed: post with payloads in its HTML and title",
    post.status === 201,
    `got ${post.status} ${post.text.slice(0, 200)}`,
  );
  const postId: string = post.body?.id;

  // A member whose display name is a payload, and guests whose names are.
  const named = await createAccount(ctx.attack, "USER", "Name Payload");
  const renamed = await rest(`${urls.auth}/v1/me`, "PATCH", named.token, { name: SHORT[1] });
  check(
    "xss seed: display name with a payload",
    renamed.status === 200,
    `got ${renamed.status} ${renamed.text.slice(0, 200)}`,
  );
  await eventually(async () => {
    const r = await rest(`${urls.content}/v1/posts/${postId}/comments`, "POST", named.token, {
      content: `${MARK} ${PAYLOADS[1]}`,
    });
    return r.status === 201;
  }, 15_000).catch(() =>
    check("xss seed: comment by the payload-named user", false, "comments never accepted"),
  );
  for (const [i, payload] of PAYLOADS.entries()) {
    const answer = await rest(
      `${urls.content}/v1/posts/${postId}/comments`,
      "POST",
      i % 2 ? ctx.user.token : undefined,
      i % 2
        ? { content: `${MARK} ${payload}` }
        : {
            content: `${MARK} ${payload}`,
            guestName: SHORT[i % SHORT.length],
            guestPassword: "guest-pass-1",
          },
      { "x-forwarded-for": ctx.nextAddress() },
    );
    if (answer.status !== 201)
      check(`xss seed: comment ${i}`, false, `got ${answer.status} ${answer.text.slice(0, 200)}`);
  }

  const notice = await rest(`${urls.page}/v1/notices`, "POST", admin.token, {
    title: `${MARK} notice ${SHORT[2]}`,
    contentHtml: PAYLOADS.map((p) => `<p>${MARK}</p>${p}`).join("\n"),
    badge: SHORT[0],
    pinned: true,
    status: "PUBLISHED",
  });
  check(
    "xss seed: notice with payloads in its HTML, title and badge",
    notice.status === 201,
    `got ${notice.status} ${notice.text.slice(0, 200)}`,
  );

  const bugReportIds: string[] = [];
  for (const payload of SHORT) {
    const report = await rest(
      `${urls.analytics}/v1/bug-reports`,
      "POST",
      undefined,
      {
        title: `${MARK} ${payload}`,
        category: "UI",
        description: `${MARK} ${PAYLOADS.join(" ")}`.slice(0, 5000),
      },
      { "x-forwarded-for": ctx.nextAddress() },
    );
    if (report.status === 201) bugReportIds.push(report.body.id);
    else check("xss seed: bug report", false, `got ${report.status} ${report.text.slice(0, 200)}`);
  }
  return {
    postSlug: post.body?.slug,
    noticeSlug: notice.body?.slug,
    categorySlug: category.body?.slug,
    bugReportIds,
  };
}

export async function startSite(ctx: SecurityContext): Promise<{ servers: FrontendServers; url: string }> {
  const env = { ...process.env, QUIRE_PORT_OFFSET: process.env.QUIRE_PORT_OFFSET ?? "50000" };
  const apps = frontendApps(env);
  // The offset ports lie in the ephemeral range: an outgoing connection may hold one for a while.
  for (let attempt = 0; ; attempt++) {
    try {
      const servers = await startFrontendServers({
        proxies: [
          { prefix: "/graphql", upstream: ctx.urls.bff },
          { prefix: "/v1/images", upstream: ctx.urls.storage },
        ],
        apps: apps.map((app) => ({ ...app, distDir: fromRoot(`frontends/${app.name}/dist`) })),
      });
      return { servers, url: `http://localhost:${apps[0].port}` };
    } catch (error) {
      if ((error as { code?: string }).code !== "EADDRINUSE" || attempt >= 45) throw error;
      await new Promise((r) => setTimeout(r, 2_000));
    }
  }
}

/** Everything in the rendered DOM that could run script: on* attributes, script URLs, stray script tags. */
async function hostileDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const roots: Array<Document | ShadowRoot> = [document];
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll("*"))) {
        for (const attr of Array.from(el.attributes)) {
          // Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:").
          const value = Array.from(attr.value)
            .filter((ch) => ch.charCodeAt(0) > 32)
            .join("")
            .toLowerCase();
          if (attr.name.toLowerCase().startsWith("on")) found.push(`<${el.tagName} ${attr.name}>`);
          if (
            /^(javascript|vbscript|data:text\/html)/.test(value) &&
            /href|src|action|data|formaction/.test(attr.name)
          ) {
            found.push(`<${el.tagName} ${attr.name}=${attr.value.slice(0, 40)}>`);
          }
          if (attr.name === "srcdoc") found.push(`<${el.tagName} srcdoc>`);
        }
        if (el.tagName === "SCRIPT" && (el.textContent ?? "").includes("__xss"))
          found.push("<script> with the payload");
        if (el.tagName === "BASE") found.push("<base>");
        if (el.tagName === "META" && (el.getAttribute("http-equiv") ?? "").toLowerCase() === "refresh")
          found.push("<meta refresh>");
      }
    }
    return found;
  });
}

async function visit(page: Page, url: string, label: string, dialogs: string[]): Promise<void> {
  dialogs.length = 0;
  await page.goto(url, { waitUntil: "networkidle" }).catch(() => {});
  const rendered = await page
    // biome-ignore lint/performance/useDomNodeTextContent: only rendered text shows the payloads were displayed
    .waitForFunction((mark) => document.body.innerText.toLowerCase().includes(mark), MARK, {
      timeout: 15_000,
    })
    .then(() => true)
    .catch(() => false);
  check(`xss ${label}: the page renders the stored payloads`, rendered, `no "${MARK}" text at ${url}`);
  // Give event handlers (onerror, onload, ontoggle, onfocus, animations) time to fire.
  await page.waitForTimeout(1_500);
  const flagged = await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);
  check(
    `xss ${label}: no script ran`,
    !flagged && dialogs.length === 0,
    `__xss=${String(flagged)} dialogs=${dialogs.join(",")}`,
  );
  const hostile = await hostileDom(page);
  check(
    `xss ${label}: no on* attribute or script URL in the DOM`,
    hostile.length === 0,
    hostile.slice(0, 8).join(" "),
  );
}

export async function xssChecks(ctx: SecurityContext, siteUrl: string): Promise<void> {
  const seeded = await seedPayloads(ctx);
  const site = { url: siteUrl };
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? "/usr/bin/chromium",
  });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await context.addInitScript(() => {
      (window as unknown as { __xss: number }).__xss = 0;
    });
    // The post's comments reach content's replica through events: wait until the BFF shows them.
    await eventually(async () => {
      const res = await fetch(`${ctx.urls.bff}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          query: `query($s: String!) { post(slug: $s) { comments { totalCount } } }`,
          variables: { s: seeded.postSlug },
        }),
      });
      const body = (await res.json()) as { data?: { post?: { comments?: { totalCount: number } } } };
      return (body.data?.post?.comments?.totalCount ?? 0) > 0;
    }, 20_000).catch(() => {});
    await visit(
      page,
      `${site.url}/posts/${encodeURIComponent(seeded.postSlug)}`,
      "post page (HTML, comments, names)",
      dialogs,
    );
    await visit(
      page,
      `${site.url}/notices/${encodeURIComponent(seeded.noticeSlug)}`,
      "notice page (HTML, title, badge)",
      dialogs,
    );
    if (!ctx.quick) await visit(page, `${site.url}/notices`, "notice list (badges)", dialogs);
    await visit(page, `${site.url}/`, "home (notice pop-up, latest posts)", dialogs);
    await visit(page, `${site.url}/search?q=${MARK}`, "search results (highlighted HTML)", dialogs);
    if (!ctx.quick) {
      await visit(
        page,
        `${site.url}/categories/${encodeURIComponent(seeded.categorySlug)}`,
        "category page",
        dialogs,
      );
    }
    await visit(page, `${site.url}/bug-reports`, "bug report list", dialogs);
  } finally {
    await browser.close();
  }
}
