import { lookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { LinkPreview } from "@quire/contracts";
import { badRequest, type HttpError } from "@quire/service-kit";
import * as cheerio from "cheerio";
import { type AddressPolicy, publicAddressesOnly } from "./address-policy";

export interface LinkPreviewOptions {
  /** Which resolved addresses may be connected to; tests allow 127.0.0.1 to reach a local server. */
  isAllowedAddress?: AddressPolicy;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

const DEFAULTS = { timeoutMs: 5_000, maxBytes: 1024 * 1024, maxRedirects: 3 };
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Parses and checks a link before anything is resolved or fetched. */
function parseTarget(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badRequest("Enter a valid http or https URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw badRequest("Only http and https links can be previewed");
  }
  if (url.username || url.password) throw badRequest("Links with credentials cannot be previewed");
  return url;
}

const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/**
 * The address to connect to. WHATWG URL parsing has already turned decimal, hex and octal IPv4 forms into
 * dotted quads. A name is resolved here once, every answer must pass the policy, and the connection then
 * goes to the checked address: a second lookup could answer differently (DNS rebinding).
 */
async function checkedAddress(
  url: URL,
  allowed: AddressPolicy,
): Promise<{ address: string; family: number }> {
  const host = bareHost(url);
  const family = isIP(host);
  if (family) {
    if (!allowed(host))
      throw badRequest("Links to private, loopback or link-local addresses cannot be previewed");
    return { address: host, family };
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await lookup(host, { all: true, verbatim: true });
  } catch {
    throw badRequest(`The host ${host} could not be found`);
  }
  if (answers.length === 0) throw badRequest(`The host ${host} could not be found`);
  if (!answers.every((a) => allowed(a.address))) {
    throw badRequest("Links to private, loopback or link-local addresses cannot be previewed");
  }
  return answers[0]!;
}

function request(url: URL, target: { address: string; family: number }, signal: AbortSignal) {
  const host = bareHost(url);
  // Hands the connection the checked address whatever name it asks for.
  const pinned = ((_name, options, callback) => {
    if ((options as { all?: boolean }).all) callback(null, [target]);
    else (callback as (e: null, a: string, f: number) => void)(null, target.address, target.family);
  }) as LookupFunction;
  const client = url.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = client.request(
      {
        protocol: url.protocol,
        hostname: host,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: {
          "user-agent": "QuireLinkPreview/1.0",
          accept: "text/html",
          "accept-encoding": "gzip, deflate, br",
        },
        lookup: pinned,
        agent: false,
        signal,
        ...(isIP(host) ? {} : { servername: host }),
      },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

function decoded(res: IncomingMessage): Readable {
  const encoding = (res.headers["content-encoding"] ?? "identity").toLowerCase();
  if (encoding === "identity") return res;
  if (encoding === "gzip" || encoding === "x-gzip") return res.pipe(createGunzip());
  if (encoding === "deflate") return res.pipe(createInflate());
  if (encoding === "br") return res.pipe(createBrotliDecompress());
  res.destroy();
  throw badRequest("The page uses an unsupported content encoding");
}

/** Reads the body, giving up as soon as it (decompressed) passes `maxBytes`. */
async function readLimited(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers["content-length"]);
  const tooLarge = () => badRequest(`The page is larger than ${Math.round(maxBytes / 1024)} KB`);
  if (Number.isFinite(declared) && declared > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const chunks: Buffer[] = [];
  let total = 0;
  const stream = decoded(res);
  for await (const chunk of stream) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      res.destroy();
      stream.destroy();
      throw tooLarge();
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodeText(body: Buffer, contentType: string): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType)?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

const clip = (value: string | undefined, max: number): string | null => {
  const text = value?.replace(/\s+/g, " ").trim();
  return text ? text.slice(0, max) : null;
};

/** An absolute http(s) URL for a link found in the page, or null. */
function absolute(value: string | undefined, base: URL): string | null {
  if (!value?.trim()) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.toString().slice(0, 2000) : null;
  } catch {
    return null;
  }
}

export function parsePreview(html: string, pageUrl: URL): LinkPreview {
  const $ = cheerio.load(html);
  const meta = (...keys: string[]) => {
    for (const key of keys) {
      const value = $(`meta[property="${key}"], meta[name="${key}"]`).first().attr("content");
      if (value?.trim()) return value;
    }
    return undefined;
  };
  const iconHref = $('link[rel~="icon"], link[rel="shortcut icon"], link[rel="apple-touch-icon"]')
    .first()
    .attr("href");
  return {
    url: pageUrl.toString(),
    title: clip(meta("og:title", "twitter:title") ?? $("title").first().text(), 300),
    description: clip(meta("og:description", "twitter:description", "description"), 1000),
    image: absolute(meta("og:image", "og:image:url", "twitter:image"), pageUrl),
    favicon: absolute(iconHref ?? "/favicon.ico", pageUrl),
    siteName: clip(meta("og:site_name"), 200) ?? pageUrl.hostname,
  };
}

/**
 * Fetches a page for a link preview, refusing (400) what would let a user reach inside the network: other
 * schemes, non-public addresses before and after each of at most `maxRedirects` redirects, non-HTML answers,
 * bodies over `maxBytes`, and pages slower than `timeoutMs` in all.
 */
export async function fetchLinkPreview(raw: string, options: LinkPreviewOptions = {}): Promise<LinkPreview> {
  const { timeoutMs, maxBytes, maxRedirects } = { ...DEFAULTS, ...options };
  const allowed = options.isAllowedAddress ?? publicAddressesOnly;
  const controller = new AbortController();
  const timeoutError = badRequest(`The page did not answer within ${timeoutMs / 1000} s`);
  const timer = setTimeout(() => controller.abort(timeoutError), timeoutMs);
  const timedOut = new Promise<never>((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(timeoutError), { once: true });
  });
  timedOut.catch(() => {});
  try {
    return await Promise.race([fetchFollowing(parseTarget(raw)), timedOut]);
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort();
  }

  async function fetchFollowing(first: URL): Promise<LinkPreview> {
    let url = first;
    for (let redirects = 0; ; redirects++) {
      const target = await checkedAddress(url, allowed);
      let res: IncomingMessage;
      try {
        res = await request(url, target, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) throw timeoutError;
        throw badRequest(
          `The page could not be fetched (${(error as NodeJS.ErrnoException).code ?? "error"})`,
        );
      }
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        if (redirects >= maxRedirects) throw badRequest(`The link redirects more than ${maxRedirects} times`);
        const location = res.headers.location;
        if (!location) throw badRequest("The page redirects without saying where");
        url = parseTarget(new URL(location, url).toString());
        continue;
      }
      if (status < 200 || status >= 300) {
        res.destroy();
        throw badRequest(`The page answered with status ${status}`);
      }
      const contentType = res.headers["content-type"] ?? "";
      if (contentType.split(";")[0]!.trim().toLowerCase() !== "text/html") {
        res.destroy();
        throw badRequest("Only HTML pages can be previewed");
      }
      const body = await readLimited(res, maxBytes).catch((error: HttpError | Error) => {
        if (controller.signal.aborted) throw timeoutError;
        throw "statusCode" in error ? error : badRequest("The page could not be read");
      });
      return parsePreview(decodeText(body, contentType), url);
    }
  }
}
