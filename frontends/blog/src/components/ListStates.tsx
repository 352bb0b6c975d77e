import { Button, Skeleton } from "@quire/ui";

export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <>
      <p className="q-visually-hidden" role="status">
        {label}
      </p>
      <div className="q-blog-list" aria-hidden="true">
        {Array.from({ length: rows }, (_, n) => (
          // Index keys: placeholders have no identity
          <div key={n} className="q-blog-card">
            <Skeleton width="60%" height="1.5rem" />
            <Skeleton width="35%" height="0.875rem" />
            <Skeleton height="2.75rem" />
          </div>
        ))}
      </div>
    </>
  );
}

export interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  errorMessage: string | undefined;
  fetchNextPage: () => unknown;
  /** What is being loaded, for the error message ("posts", "comments"). */
  noun: string;
}

/** "Load more" under a paged list, with the error of a failed next page. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  isFetchNextPageError,
  errorMessage,
  fetchNextPage,
  noun,
}: LoadMoreProps) {
  return (
    <>
      {isFetchNextPageError ? (
        <p className="q-blog-list__error" role="alert">
          More {noun} could not be loaded: {errorMessage}
        </p>
      ) : null}
      {hasNextPage ? (
        <div className="q-blog-list__more">
          <Button variant="secondary" onClick={() => void fetchNextPage()} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}
