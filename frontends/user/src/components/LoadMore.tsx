import { Button } from "@quire/ui";

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  error: Error | null;
  onLoadMore: () => void;
  what: string;
}

export function LoadMore({ hasNextPage, isFetchingNextPage, error, onLoadMore, what }: LoadMoreProps) {
  return (
    <>
      {error ? (
        <p className="q-user-error" role="alert">
          More {what} could not be loaded: {error.message}
        </p>
      ) : null}
      {hasNextPage ? (
        <div className="q-user-more">
          <Button variant="secondary" onClick={onLoadMore} disabled={isFetchingNextPage}>
            {isFetchingNextPage ? "Loading…" : "Load more"}
          </Button>
        </div>
      ) : null}
    </>
  );
}
