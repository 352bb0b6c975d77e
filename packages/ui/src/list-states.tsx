import "./list-states.css";
import type { ReactNode } from "react";
import { Button } from "./button";
import { Skeleton } from "./spinner";
import { EmptyState, ErrorState } from "./states";

/** Grey rows shaped like list items while the first page loads, announced once by `label`. */
export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <>
      <p className="q-visually-hidden" role="status">
        {label}
      </p>
      <div className="q-list-skeleton" aria-hidden="true">
        {Array.from({ length: rows }, (_, n) => (
          // Index keys: placeholders have no identity
          <div key={n} className="q-list-skeleton__row">
            <Skeleton width="60%" height="1.25rem" />
            <Skeleton width="35%" height="0.875rem" />
            <Skeleton height="2.25rem" />
          </div>
        ))}
      </div>
    </>
  );
}

export interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** The error of the last "load more", if it failed. */
  nextPageError?: Error | null;
  onLoadMore: () => void;
  /** What the list holds, for the error message ("posts", "comments"). */
  noun: string;
}

/** "Load more" under a paged list, with the error of a failed next page. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  nextPageError,
  onLoadMore,
  noun,
}: LoadMoreProps) {
  return (
    <>
      {nextPageError ? (
        <p className="q-list-more__error" role="alert">
          More {noun} could not be loaded: {nextPageError.message}
        </p>
      ) : null}
      {hasNextPage ? (
        <div className="q-list-more">
          <Button variant="secondary" onClick={onLoadMore} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}

/** Where a paged list is, as a cursor-list hook reports it (see `useCursorList` in @quire/shell-sdk). */
export interface ListStatus<TItem> {
  items: TItem[];
  isPending: boolean;
  /** Refetching in the background (the list stays, marked busy). */
  isFetching: boolean;
  /** A failure with nothing to show: the error state replaces the list. */
  error: Error | null;
  retry: () => void;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  nextPageError: Error | null;
  loadMore: () => void;
}

export interface ListStatesProps<TItem> {
  list: ListStatus<TItem>;
  /** What the list holds, for messages ("posts", "bookmarks"). */
  noun: string;
  /** Read while the first page loads; defaults to "Loading <noun>". */
  loadingLabel?: string;
  /** Replaces the default skeleton rows. */
  skeleton?: ReactNode;
  errorTitle?: string;
  emptyTitle: string;
  emptyMessage?: ReactNode;
  emptyAction?: ReactNode;
  /** Heading level of the error and empty titles, to fit the page's outline. */
  headingLevel?: 1 | 2 | 3;
  /** The items, once there are some. */
  children: (items: TItem[]) => ReactNode;
}

/**
 * The four states of every paged list (loading, error, empty, items with "Load more") in one place, so
 * each screen only says what its items look like.
 */
export function ListStates<TItem>({
  list,
  noun,
  loadingLabel,
  skeleton,
  errorTitle,
  emptyTitle,
  emptyMessage,
  emptyAction,
  headingLevel = 2,
  children,
}: ListStatesProps<TItem>) {
  if (list.isPending) return skeleton ?? <ListSkeleton label={loadingLabel ?? `Loading ${noun}`} />;
  if (list.error && list.items.length === 0) {
    return (
      <ErrorState
        headingLevel={headingLevel}
        title={errorTitle ?? `The ${noun} could not be loaded`}
        message={list.error.message}
        action={<Button onClick={list.retry}>Try again</Button>}
      />
    );
  }
  if (list.items.length === 0) {
    return (
      <EmptyState
        headingLevel={headingLevel}
        title={emptyTitle}
        message={emptyMessage}
        action={emptyAction}
      />
    );
  }
  return (
    <div aria-busy={list.isFetching}>
      {children(list.items)}
      <LoadMore
        hasNextPage={list.hasNextPage}
        isFetchingNextPage={list.isFetchingNextPage}
        nextPageError={list.nextPageError}
        onLoadMore={list.loadMore}
        noun={noun}
      />
    </div>
  );
}
