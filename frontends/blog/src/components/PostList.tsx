import { Button, EmptyState, ErrorState } from "@quire/ui";
import { type PostListFilter, usePostList } from "../api/posts";
import { ListSkeleton, LoadMore } from "./ListStates";
import { PostCard } from "./PostCard";

export interface PostListProps {
  filter?: PostListFilter;
  emptyTitle?: string;
  emptyMessage?: string;
}

/** A paged list of PUBLIC posts (10 a page, "Load more"), with loading, empty and error states. */
export function PostList({
  filter = {},
  emptyTitle = "No posts yet",
  emptyMessage = "Come back soon: the first stories are being written.",
}: PostListProps) {
  const query = usePostList(filter);
  const posts = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  if (query.isPending) return <ListSkeleton label="Loading posts" />;
  if (query.isError && posts.length === 0) {
    return (
      <ErrorState
        title="The posts could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (posts.length === 0) return <EmptyState title={emptyTitle} message={emptyMessage} />;
  return (
    <div aria-busy={query.isFetching}>
      <div className="q-blog-list">
        {posts.map((post) => (
          <PostCard key={post.id} post={post} />
        ))}
      </div>
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        isFetchNextPageError={query.isFetchNextPageError}
        errorMessage={query.error?.message}
        fetchNextPage={query.fetchNextPage}
        noun="posts"
      />
    </div>
  );
}
