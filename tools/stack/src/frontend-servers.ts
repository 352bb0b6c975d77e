// Serves the built frontends: the shell (SPA, runtime remotes manifest, /graphql proxied to the BFF) and
// one static server per remote, each on its own port as they would be deployed.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import httpProxy from "@fastify/http-proxy";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";

export type FrontendAppName = "shell" | "blog" | "admin" | "user";

export interface FrontendApp {
  name: FrontendAppName;
  port: number;
  /** The app's Vite build output (`frontends/<app>/dist`). It may not exist: that remote is then unlisted. */
  distDir: string;
}

export interface FrontendServersOptions {
  /**
   * Paths the shell forwards to a backend, so the browser talks to one origin: `/graphql` to the BFF,
   * images to storage, the sitemap and feeds to blog.
   */
  proxies: Array<{ prefix: string; upstream: string }>;
  host?: string;
  apps: FrontendApp[];
  /**
   * The origin browsers load a remote from, as listed in `/remotes.json`. Defaults to the host name the
   * browser used for the shell, with the remote's port.
   */
  publicRemoteBase?: (name: FrontendAppName, port: number) => string;
  /**
   * Test-only: the shell answers `POST /__test__/remotes/:name/stop` and `.../start`, which close and reopen
   * one remote's server, so fault-isolation tests can take a remote down for real. The launcher turns them on
   * with `QUIRE_TEST_CONTROLS=1`; never in production.
   */
  testControls?: boolean;
}

export interface FrontendServers {
  close(): Promise<void>;
}

const REMOTE_ENTRY = "assets/remoteEntry.js";
const NO_CACHE = "no-cache";
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Hashed assets never change, so they are cached for good (old ones stay in dist for open tabs); the files
 * that point at them (index.html, remoteEntry.js, manifests) are revalidated on every load.
 */
function cacheControlFor(urlPath: string): string {
  const path = urlPath.split("?")[0] ?? urlPath;
  if (path.startsWith("/assets/") && !path.endsWith("/remoteEntry.js")) return IMMUTABLE;
  return NO_CACHE;
}

function readVersion(distDir: string): string {
  try {
    const parsed = JSON.parse(readFileSync(join(distDir, "version.json"), "utf8")) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

async function registerStatic(app: FastifyInstance, distDir: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: distDir,
    prefix: "/",
    // A dist that appears after start (a remote built later) is served without a restart.
    wildcard: true,
    suppressWarning: true,
    index: false,
    cacheControl: false,
    setHeaders: (reply) => {
      reply.header("cache-control", cacheControlFor(reply.request.url));
    },
  });
}

function wantsHtml(request: FastifyRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = request.url.split("?")[0] ?? "";
  if (path.startsWith("/assets/") || path.startsWith("/graphql")) return false;
  const accept = request.headers.accept ?? "";
  const lastSegment = path.slice(path.lastIndexOf("/") + 1);
  return accept.includes("text/html") || !lastSegment.includes(".");
}

function notFound(reply: FastifyReply) {
  return reply.code(404).header("cache-control", NO_CACHE).send({ error: "Not Found" });
}

interface RemoteControls {
  stop(name: string): Promise<boolean>;
  start(name: string): Promise<boolean>;
}

async function startShell(
  opts: FrontendServersOptions,
  shell: FrontendApp,
  controls: RemoteControls | null,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  const remotes = opts.apps.filter((candidate) => candidate.name !== "shell");

  app.get("/healthz", async () => ({ status: "ok" }));

  if (controls) {
    // Only from this machine: the routes exist for tests on a developer's or CI's box.
    app.post<{ Params: { name: string; action: string } }>(
      "/__test__/remotes/:name/:action",
      async (request, reply) => {
        const { name, action } = request.params;
        if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(request.ip)) return reply.code(403).send();
        if (action !== "stop" && action !== "start") return notFound(reply);
        const done = await controls[action](name);
        return done ? reply.send({ remote: name, running: action === "start" }) : notFound(reply);
      },
    );
  }

  // Generated per request: a remote deployed (built) while the shell runs appears without a restart.
  const manifestFor = (request: FastifyRequest) => ({
    remotes: remotes
      .filter((remote) => existsSync(join(remote.distDir, REMOTE_ENTRY)))
      .map((remote) => {
        const base = opts.publicRemoteBase
          ? opts.publicRemoteBase(remote.name, remote.port)
          : `${request.protocol}://${request.hostname}:${remote.port}`;
        return {
          name: remote.name,
          url: `${base.replace(/\/+$/, "")}/${REMOTE_ENTRY}`,
          version: readVersion(remote.distDir),
        };
      }),
  });
  app.get("/remotes.json", async (request, reply) =>
    reply.header("cache-control", NO_CACHE).send(manifestFor(request)),
  );

  // One origin for the browser: no CORS between the pages and their API.
  for (const proxy of opts.proxies) await registerProxy(app, proxy);

  await registerStatic(app, shell.distDir);

  const indexHtml = join(shell.distDir, "index.html");
  // The page carries the manifest itself (the shell reads `#quire-remotes` before it would fetch
  // /remotes.json): one request fewer, and one step fewer before the remote's entry can be asked for.
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (!existsSync(indexHtml)) return notFound(reply);
    const manifest = JSON.stringify(manifestFor(request)).replaceAll("<", "\\u003c");
    const html = readFileSync(indexHtml, "utf8")
      .replace(/\s*<link rel="preload" href="\/remotes\.json"[^>]*>/, "")
      .replace(
        "</head>",
        `<script type="application/json" id="quire-remotes">${manifest}</script>\n  </head>`,
      );
    return reply.header("cache-control", NO_CACHE).type("text/html; charset=utf-8").send(html);
  };
  app.get("/", (request, reply) => sendIndex(request, reply));
  // Client-side routes get the app; a missing asset stays a 404 (an HTML answer would break as a script).
  app.setNotFoundHandler((request, reply) =>
    wantsHtml(request) ? sendIndex(request, reply) : notFound(reply),
  );

  return app;
}

async function startRemote(shellPort: number | undefined, remote: FrontendApp): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });

  // The shell imports remoteEntry.js and its chunks as cross-origin module scripts.
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    let allowed = shellPort === undefined;
    try {
      const url = new URL(origin);
      allowed ||= Number(url.port || (url.protocol === "https:" ? 443 : 80)) === shellPort;
    } catch {
      allowed = false;
    }
    reply.header("vary", "Origin");
    if (allowed) reply.header("access-control-allow-origin", origin);
  });

  app.get("/healthz", async () => ({ status: "ok", built: existsSync(join(remote.distDir, REMOTE_ENTRY)) }));
  await registerStatic(app, remote.distDir);
  app.setNotFoundHandler((_request, reply) => notFound(reply));
  return app;
}

export async function startFrontendServers(opts: FrontendServersOptions): Promise<FrontendServers> {
  const host = opts.host ?? "localhost";
  const apps = opts.apps.map((app) => ({ ...app, distDir: resolve(app.distDir) }));
  const resolved: FrontendServersOptions = { ...opts, apps };
  const shell = apps.find((app) => app.name === "shell");
  const running = new Map<FrontendAppName, FastifyInstance>();

  const closeAll = async () => {
    await Promise.allSettled([...running.values()].map((server) => server.close()));
    running.clear();
  };

  const startApp = async (app: FrontendApp) => {
    const server =
      app === shell
        ? await startShell(resolved, app, opts.testControls ? controls : null)
        : await startRemote(shell?.port, app);
    running.set(app.name, server);
    await server.listen({ port: app.port, host });
  };

  const controls: RemoteControls = {
    async stop(name) {
      const server = running.get(name as FrontendAppName);
      if (!server || name === "shell") return false;
      running.delete(name as FrontendAppName);
      await server.close();
      return true;
    },
    async start(name) {
      const app = apps.find((candidate) => candidate.name === name && candidate !== shell);
      if (!app) return false;
      if (!running.has(app.name)) await startApp(app);
      return true;
    },
  };

  try {
    for (const app of apps) await startApp(app);
  } catch (error) {
    await closeAll();
    throw error;
  }

  return { close: closeAll };
}

async function registerProxy(
  app: FastifyInstance,
  proxy: { prefix: string; upstream: string },
): Promise<void> {
  await app.register(httpProxy, {
    upstream: proxy.upstream,
    prefix: proxy.prefix,
    rewritePrefix: proxy.prefix,
    websocket: false,
    replyOptions: {
      // The BFF sees every request come from this proxy: pass on who really asked (rate limits, logs).
      rewriteRequestHeaders: (request, headers) => {
        const forwardedFor = headers["x-forwarded-for"];
        return {
          ...headers,
          "x-forwarded-for": forwardedFor ? `${forwardedFor}, ${request.ip}` : request.ip,
          "x-forwarded-proto": request.protocol,
          "x-forwarded-host": request.host,
        };
      },
    },
  });
}
