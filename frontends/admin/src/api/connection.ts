import { type InfiniteData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A Relay-style page of a list, as the BFF returns every paginated list. */
export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount?: number | null;
}

export const PAGE_SIZE = 20;

/**
 * A cursor-paginated list behind "Load more": `fetchPage` gets the cursor of the last page (null first) and
 * the query's abort signal.
 */
export function useConnection<T>(
  queryKey: QueryKey,
  fetchPage: (after: string | null, signal: AbortSignal) => Promise<Connection<T>>,
  options: { refetchInterval?: number | false; enabled?: boolean } = {},
) {
  const query = useInfiniteQuery<
    Connection<T>,
    Error,
    InfiniteData<Connection<T>, string | null>,
    QueryKey,
    string | null
  >({
    queryKey,
    initialPageParam: null,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    getNextPageParam: (last) =>
      last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? undefined) : undefined,
    refetchInterval: options.refetchInterval,
    enabled: options.enabled,
  });
  const items = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];
  const totalCount = query.data?.pages[0]?.totalCount ?? null;
  return { query, items, totalCount };
}
