import type { RemoteAppModule, RemoteName } from "@quire/shell-sdk";
import { findRemote, nextAttempt, RemoteUnavailableError } from "./manifest";

/** How long a listed remote may take to load before the fallback shows. */
const REMOTE_TIMEOUT_MS = 8_000;

// Static specifiers: the federation plugin rewrites exactly these imports into remote loads.
const importers: Record<RemoteName, () => Promise<RemoteAppModule>> = {
  blog: () => import("blog/App"),
  admin: () => import("admin/App"),
  user: () => import("user/App"),
};

interface Load {
  promise: Promise<RemoteAppModule>;
  failed: boolean;
}

const loads = new Map<RemoteName, Load>();

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function attemptLoad(name: RemoteName): Promise<RemoteAppModule> {
  // Rejects at once when the remote is not deployed, before the federation runtime is involved.
  await findRemote(name);
  nextAttempt(name);
  let module: RemoteAppModule;
  try {
    module = await withTimeout(
      importers[name](),
      REMOTE_TIMEOUT_MS,
      () => new RemoteUnavailableError(name, `it did not load within ${REMOTE_TIMEOUT_MS / 1000} s`),
    );
  } catch (error) {
    if (error instanceof RemoteUnavailableError) throw error;
    throw new RemoteUnavailableError(name, error instanceof Error ? error.message : String(error));
  }
  if (typeof module.default !== "function" && typeof module.default !== "object") {
    throw new RemoteUnavailableError(name, "its ./App has no default export");
  }
  return module;
}

/**
 * Loads a remote's exposed `./App`, once: the same promise is returned until it fails and is forgotten, so
 * React's `use()` sees a stable promise and a preload started at boot is reused by the first render.
 */
export function loadRemote(name: RemoteName): Promise<RemoteAppModule> {
  const existing = loads.get(name);
  if (existing) return existing.promise;
  const load: Load = { promise: attemptLoad(name), failed: false };
  load.promise.then(
    // React's use() reads these fields: a module loaded before the render is used at once, not after a
    // suspended render and a retry.
    (module) => Object.assign(load.promise, { status: "fulfilled", value: module }),
    () => {
      load.failed = true;
    },
  );
  loads.set(name, load);
  return load.promise;
}

/** Drops a failed load so the next render tries again; a remote that loaded stays loaded. */
export function forgetFailedRemote(name: RemoteName): void {
  if (loads.get(name)?.failed) loads.delete(name);
}
