import { matchPath, type RemotePreloadContext } from "@quire/shell-sdk";
import { homePageQuery } from "./api/browse";
import { postQuery } from "./api/posts";

/**
 * The remote's `preload`: the screens a first visit most often lands on (home, a post) start their query
 * before the shell's first render, under the same keys their screens read.
 */
export async function preload({ basePath, pathname, queryClient }: RemotePreloadContext): Promise<void> {
  const path = basePath === "/" ? pathname : pathname.slice(basePath.length) || "/";
  if (path === "/") return queryClient.prefetchQuery(homePageQuery(queryClient));
  const slug = matchPath("/posts/:slug", path)?.params.slug;
  if (slug) return queryClient.prefetchQuery(postQuery(queryClient, slug));
}
