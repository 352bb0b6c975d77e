import type { QueryClient } from "@tanstack/react-query";
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

/** What the shell tells a remote's `preload`: the screen about to render, and the shared QueryClient. */
export interface RemotePreloadContext {
  basePath: string;
  /** Decoded as the router decodes it, so params matched from it equal the screen's `useParams()`. */
  pathname: string;
  queryClient: QueryClient;
}

/** What every remote exposes as `./App`. */
export interface RemoteAppModule {
  default: ComponentType<RemoteAppProps>;
  /**
   * Starts the queries of the screen at `pathname`, called once for an anonymous first visit as soon as the
   * module has loaded: the shell holds its first render a moment for them, so the screen renders once, with
   * its data, instead of a skeleton first and the data in a second render. Settles when they have.
   */
  preload?: (context: RemotePreloadContext) => Promise<void>;
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
