import { type InfiniteData, type QueryKey, useInfiniteQuery } from "@tanstack/react-query";

/** A Relay-style connection page, as every paged field of the BFF returns it. */
export interface CursorConnection<TNode> {
  edges: ReadonlyArray<{ cursor: string; node: TNode }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export interface CursorListOptions<TItem, TConnection extends CursorConnection<unknown>> {
  queryKey: QueryKey;
  /** What a list item is made of; defaults to the edge's node (a search hit keeps its highlights). */
  selectItem?: (edge: TConnection["edges"][number]) => TItem;
  /** Fetches one page after `after` (null: the first page). */
  fetchPage: (after: string | null, signal: AbortSignal) => Promise<TConnection>;
  enabled?: boolean;
  /** Overrides the shell's retry rule, e.g. to give up at once on an unavailable service. */
  retry?: (failureCount: number, error: Error) => boolean;
  /** Re-fetches the loaded pages on this period (ms): live lists such as comments. */
  refetchInterval?: number | false;
}

/** What `ListStates` (in @quire/ui) needs, plus the query for anything else a screen reads. */
export interface CursorList<TItem, TConnection extends CursorConnection<unknown>> {
  items: TItem[];
  isPending: boolean;
  isFetching: boolean;
  /** Set only when there is nothing to show; a failed next page is `nextPageError`. */
  error: Error | null;
  retry: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  nextPageError: Error | null;
  loadMore: () => void;
  /** The loaded pages, for fields beside the edges (a total count). */
  pages: TConnection[];
}

/**
 * A cursor-paged list through TanStack Query (the shell's client): the first page, "load more" with the
 * last page's end cursor, and the states a list screen renders.
 */
export function useCursorList<
  TItem,
  TConnection extends CursorConnection<unknown> = CursorConnection<TItem>,
>({
  queryKey,
  selectItem = (edge) => edge.node as TItem,
  fetchPage,
  enabled = true,
  retry,
  refetchInterval = false,
}: CursorListOptions<TItem, TConnection>): CursorList<TItem, TConnection> {
  const query = useInfiniteQuery<
    TConnection,
    Error,
    InfiniteData<TConnection, string | null>,
    QueryKey,
    string | null
  >({
    queryKey,
    enabled,
    initialPageParam: null,
    ...(retry ? { retry } : {}),
    refetchInterval,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal),
    getNextPageParam: (last) =>
      last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? undefined) : undefined,
  });
  const pages = query.data?.pages ?? [];
  const items = pages.flatMap((page) => page.edges.map(selectItem));
  return {
    items,
    // A disabled query (no search words yet) is not loading.
    isPending: enabled && query.isPending,
    isFetching: query.isFetching,
    error: query.isError && items.length === 0 ? query.error : null,
    retry: () => void query.refetch(),
    hasNextPage: query.hasNextPage,
    isFetchingNextPage: query.isFetchingNextPage,
    nextPageError: query.isFetchNextPageError ? query.error : null,
    loadMore: () => void query.fetchNextPage(),
    pages,
  };
}
