import type { ComponentType } from "react";

/** Names of the remotes the shell knows how to mount. */
export type RemoteName = "blog" | "admin" | "user";

/**
 * Props the shell passes to a remote's exposed `./App`. The remote renders its own `<Routes>` inside the
 * shell's router; `basePath` is where the shell mounted it ("/" when it owns top-level paths).
 */
export interface RemoteAppProps {
  basePath: string;
}

/** What every remote exposes as `./App`. */
export interface RemoteAppModule {
  default: ComponentType<RemoteAppProps>;
}

/** One deployed remote, as listed in the shell's runtime manifest `/remotes.json`. */
export interface RemoteManifestEntry {
  name: string;
  /** Absolute URL of the remote's `remoteEntry.js`. */
  url: string;
  version: string;
}

export interface RemoteManifest {
  remotes: RemoteManifestEntry[];
}
