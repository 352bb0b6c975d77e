// Federation settings for every Quire frontend. Keep every detail of the federation plugin here, so a change
// of Vite or of the plugin is a one-file change and the apps' vite.config.ts stay a few lines long.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import federation from "@originjs/vite-plugin-federation";
import react from "@vitejs/plugin-react";
import type { Plugin, UserConfig } from "vite";

const workspaceRoot = dirname(fileURLToPath(import.meta.url));

/**
 * Packages loaded once per page: the host's copy is handed to every remote. The router travels inside
 * @quire/shell-sdk (see its router.ts), so only the parts the apps use are loaded.
 */
export const SHARED_SINGLETONS = ["react", "react-dom", "@tanstack/react-query", "@quire/shell-sdk"] as const;

export type RemoteName = "blog" | "admin" | "user";

/** Reads the `catalog:` block of pnpm-workspace.yaml: the one list of versions every app installs. */
function readCatalog(): Record<string, string> {
  const yaml = readFileSync(join(workspaceRoot, "pnpm-workspace.yaml"), "utf8");
  const catalog: Record<string, string> = {};
  let inCatalog = false;
  for (const line of yaml.split(/\r?\n/)) {
    if (/^catalog:\s*$/.test(line)) {
      inCatalog = true;
      continue;
    }
    if (!inCatalog || line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) break;
    const entry = /^\s+["']?([^"':]+)["']?:\s*["']?([^"'\s#]+)["']?/.exec(line);
    if (entry?.[1] && entry[2]) catalog[entry[1]] = entry[2];
  }
  return catalog;
}

function sharedVersion(name: string, catalog: Record<string, string>): string {
  if (name.startsWith("@quire/")) {
    const pkgDir = join(workspaceRoot, "packages", name.slice("@quire/".length), "package.json");
    return (JSON.parse(readFileSync(pkgDir, "utf8")) as { version: string }).version;
  }
  const version = catalog[name];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`vite.shared: ${name} needs an exact version in the pnpm catalog (found "${version}")`);
  }
  return version;
}

/**
 * The plugin has no real singleton option: a remote takes the host's copy only when its requiredVersion
 * matches, otherwise it silently loads a second React and crashes. A caret range on the catalog version
 * lets a remote built a patch or minor later still take the host's copy.
 */
function sharedConfig() {
  const catalog = readCatalog();
  return Object.fromEntries(
    SHARED_SINGLETONS.map((name) => {
      const version = sharedVersion(name, catalog);
      const [major, minor] = version.split(".");
      const requiredVersion = major === "0" ? `^0.${minor}.0` : `^${major}.0.0`;
      return [name, { version, requiredVersion }];
    }),
  );
}

/**
 * `use-sync-external-store`'s shims (which @tiptap/react and other React libraries import) are CommonJS and
 * `require("react")`, which the federation plugin does not rewrite: an app would bundle a second React and
 * crash. Every app takes them from an ESM module on the shared React instead.
 */
const resolve: UserConfig["resolve"] = {
  alias: [
    {
      find: /^use-sync-external-store\/shim(\/index\.js|\/with-selector(\.js)?)?$/,
      replacement: join(workspaceRoot, "packages/shell-sdk/src/sync-external-store.ts"),
    },
  ],
};

/**
 * JSX compiles to `React.createElement` of the shared React. The automatic runtime imports
 * `react/jsx-runtime`, a subpath the federation plugin does not share, so each remote fetched its own copy
 * in a chunk of its own: one request more on every first visit.
 */
const esbuild: UserConfig["esbuild"] = { jsxInject: `import React from "react"` };
const reactPlugin = () => react({ jsxRuntime: "classic" });

/** Builds need top-level await (shared modules) and a minifier the federation runtime survives. */
const build: UserConfig["build"] = {
  target: "esnext",
  minify: "esbuild",
};

/**
 * CSS of lazy chunks inside a remote would otherwise be requested from the host's origin; relative URLs
 * resolve against the remote's own script. (`base: './'` breaks the plugin, so this is the fix.)
 */
const experimental: UserConfig["experimental"] = {
  renderBuiltUrl: (_filename, { hostType }) => (hostType === "js" ? { relative: true } : undefined),
};

/** Writes dist/version.json ({ name, version }) so servers can list the deployed remote with its version. */
function versionFile(): Plugin {
  let root = process.cwd();
  return {
    name: "quire:version-json",
    apply: "build",
    configResolved(config) {
      root = config.root;
    },
    generateBundle() {
      const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
        name: string;
        version: string;
      };
      this.emitFile({
        type: "asset",
        fileName: "version.json",
        source: `${JSON.stringify({ name: pkg.name, version: pkg.version }, null, 2)}\n`,
      });
    },
  };
}

export interface RemoteOptions {
  name: RemoteName;
  /** For example `{ "./App": "./src/App.tsx" }`. */
  exposes: Record<string, string>;
  port: number;
}

/**
 * A label a deploy pipeline gives one build of a remote (a commit, a release name), baked in as the global
 * `__QUIRE_BUILD_LABEL__` so a screen can show which build is serving; empty when unset.
 */
function buildLabel(): UserConfig["define"] {
  return { __QUIRE_BUILD_LABEL__: JSON.stringify(process.env.QUIRE_BUILD_LABEL ?? "") };
}

/** A remote: builds `assets/remoteEntry.js` exposing `exposes`, plus `version.json`. */
export function remoteConfig({ name, exposes, port }: RemoteOptions): UserConfig {
  return {
    define: buildLabel(),
    esbuild,
    plugins: [
      reactPlugin(),
      federation({ name, filename: "remoteEntry.js", exposes, shared: sharedConfig() }),
      versionFile(),
    ],
    resolve,
    build,
    experimental,
    // Remotes have no remoteEntry under `vite dev`: develop them with `vite build --watch` + `vite preview`.
    preview: { port, strictPort: true, cors: true },
    server: { port, strictPort: true, cors: true },
  };
}

/**
 * The shell's entry imports every shared module through the federation runtime one after another, each
 * request starting when the previous module has run; preloading them from the page fetches them at once.
 */
function preloadSharedModules(): Plugin {
  return {
    name: "quire:preload-shared-modules",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (_html, { bundle }) =>
        Object.keys(bundle ?? {})
          .filter((file) => /(^|\/)(__federation_shared_|_commonjsHelpers).*\.js$/.test(file))
          .map((file) => ({
            tag: "link",
            attrs: { rel: "modulepreload", crossorigin: "", href: `/${file}` },
            injectTo: "head" as const,
          })),
    },
  };
}

export interface HostOptions {
  remotes: RemoteName[];
  port?: number;
}

/**
 * The host: remote URLs are resolved at runtime by `window.__remoteUrl(name)`, which the shell defines from
 * its `/remotes.json` manifest, so deploying a remote never needs a shell rebuild.
 */
export function hostConfig({ remotes, port = 3000 }: HostOptions): UserConfig {
  return {
    esbuild,
    plugins: [
      reactPlugin(),
      federation({
        name: "shell",
        remotes: Object.fromEntries(
          remotes.map((remote) => [
            remote,
            {
              external: `window.__remoteUrl(${JSON.stringify(remote)})`,
              externalType: "promise" as const,
              format: "esm" as const,
              from: "vite" as const,
            },
          ]),
        ),
        shared: sharedConfig(),
      }),
      preloadSharedModules(),
    ],
    resolve,
    build,
    experimental,
    preview: { port, strictPort: true },
    server: { port, strictPort: true },
  };
}
