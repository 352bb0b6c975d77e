import type { RemoteName } from "@quire/shell-sdk";
import { matchPath } from "@quire/shell-sdk";

export interface Mount {
  remote: RemoteName;
  /** Where the remote's own `<Routes>` are rooted. */
  basePath: string;
  /** The top-level paths the remote owns. */
  paths: string[];
}

/**
 * Which remote owns which top-level paths. A remote renders its own `<Routes>` from `basePath`, so the shell
 * only decides who owns a URL; anything unowned is the shell's 404.
 */
export const MOUNTS: Mount[] = [
  {
    remote: "blog",
    basePath: "/",
    paths: ["/", "/posts/*", "/categories/*", "/tags/*", "/search", "/notices/*", "/introduce", "/privacy"],
  },
  { remote: "admin", basePath: "/admin", paths: ["/admin/*"] },
  { remote: "user", basePath: "/", paths: ["/login", "/register", "/my/*", "/bug-report/*", "/bug-reports"] },
];

export function findMount(pathname: string): Mount | undefined {
  return MOUNTS.find((mount) => mount.paths.some((path) => matchPath(path, pathname)));
}

/**
 * A URL's path as the router matches it: each segment percent-decoded (an encoded "/" stays encoded), so
 * params read from it equal the screen's `useParams()`. A post whose slug is not ASCII is requested as
 * `/posts/%EB%8B%A4...`; a preload keyed by the encoded slug would miss the screen's query.
 */
export function routerPathname(pathname: string): string {
  try {
    return pathname
      .split("/")
      .map((segment) => decodeURIComponent(segment).replaceAll("/", "%2F"))
      .join("/");
  } catch {
    // As the router: a malformed escape anywhere leaves the whole path as it came.
    return pathname;
  }
}
