import type { RemoteManifest, RemoteManifestEntry } from "@quire/shell-sdk";

const MANIFEST_URL = "/remotes.json";
const MANIFEST_TIMEOUT_MS = 5_000;

/** A remote that is not deployed, not reachable or too slow: the shell shows its fallback instead. */
export class RemoteUnavailableError extends Error {
  override readonly name = "RemoteUnavailableError";
  constructor(
    readonly remote: string,
    reason: string,
  ) {
    super(`Remote "${remote}" is unavailable: ${reason}`);
  }
}

let manifest: Promise<RemoteManifest> | undefined;

function isEntry(value: unknown): value is RemoteManifestEntry {
  const entry = value as Partial<RemoteManifestEntry> | null;
  return (
    typeof entry?.name === "string" && typeof entry.url === "string" && typeof entry.version === "string"
  );
}

function parseManifest(body: { remotes?: unknown } | null): RemoteManifest {
  if (!Array.isArray(body?.remotes))
    throw new RemoteUnavailableError("*", "the remotes manifest is malformed");
  return { remotes: body.remotes.filter(isEntry) };
}

/**
 * The manifest the server wrote into the page (`#quire-remotes`), read once: a later retry fetches a fresh
 * one. Absent when the shell is served as plain files; then the first call fetches it too.
 */
function manifestInPage(): Promise<RemoteManifest> | undefined {
  const element = document.getElementById("quire-remotes");
  if (!element) return undefined;
  element.remove();
  try {
    return Promise.resolve(parseManifest(JSON.parse(element.textContent ?? "")));
  } catch {
    return undefined;
  }
}

async function fetchManifest(): Promise<RemoteManifest> {
  let response: Response;
  try {
    response = await fetch(MANIFEST_URL, { signal: AbortSignal.timeout(MANIFEST_TIMEOUT_MS) });
  } catch {
    throw new RemoteUnavailableError("*", "the remotes manifest could not be fetched");
  }
  if (!response.ok) throw new RemoteUnavailableError("*", `the remotes manifest answered ${response.status}`);
  return parseManifest((await response.json().catch(() => null)) as { remotes?: unknown } | null);
}

/**
 * The runtime manifest: the page's own, else fetched once. A failed fetch, or a remote missing from it, is
 * forgotten, so a retry fetches it again.
 */
export function getManifest(): Promise<RemoteManifest> {
  if (!manifest) {
    manifest = manifestInPage() ?? fetchManifest();
    manifest.catch(() => {
      manifest = undefined;
    });
  }
  return manifest;
}

export async function findRemote(name: string): Promise<RemoteManifestEntry> {
  const entry = (await getManifest()).remotes.find((remote) => remote.name === name);
  if (!entry) {
    manifest = undefined;
    throw new RemoteUnavailableError(name, "it is not in the remotes manifest");
  }
  return entry;
}

const attempts = new Map<string, number>();

/** Counts load attempts so a retry asks for a fresh remoteEntry.js instead of a hung or failed one. */
export function nextAttempt(name: string): number {
  const attempt = (attempts.get(name) ?? -1) + 1;
  attempts.set(name, attempt);
  return attempt;
}

// Referenced by the federation runtime (see hostConfig in vite.shared.ts). Callers check the manifest
// first: if this promise rejected, the plugin's own promise would never settle.
window.__remoteUrl = async (name) => {
  const { url } = await findRemote(name);
  const attempt = attempts.get(name) ?? 0;
  if (attempt === 0) return url;
  return `${url}${url.includes("?") ? "&" : "?"}attempt=${attempt}`;
};
