import { useDocumentTitle } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import { Link } from "react-router-dom";
import { usePostList } from "../api/posts";
import { PostMeta } from "../components/PostMeta";

function ListSkeleton() {
  return (
    <div className="q-blog-list" aria-hidden="true">
      {[0, 1, 2].map((n) => (
        <div key={n} className="q-blog-card">
          <Skeleton width="60%" height="1.5rem" />
          <Skeleton width="35%" height="0.875rem" />
          <Skeleton height="2.75rem" />
        </div>
      ))}
    </div>
  );
}

export function PostListPage({ heading }: { heading: "home" | "posts" }) {
  const title = heading === "home" ? "Latest posts" : "All posts";
  useDocumentTitle(heading === "home" ? null : "Posts");
  const query = usePostList();
  const posts = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  return (
    <section className="q-blog-page" aria-labelledby="q-blog-list-heading" aria-busy={query.isFetching}>
      <h1 id="q-blog-list-heading" className="q-blog-page__title">
        {title}
      </h1>
      {query.isPending ? (
        <>
          <p className="q-visually-hidden" role="status">
            Loading posts
          </p>
          <ListSkeleton />
        </>
      ) : query.isError && posts.length === 0 ? (
        <ErrorState
          title="The posts could not be loaded"
          message={query.error.message}
          action={<Button onClick={() => void query.refetch()}>Try again</Button>}
        />
      ) : posts.length === 0 ? (
        <EmptyState title="No posts yet" message="Come back soon: the first stories are being written." />
      ) : (
        <>
          <div className="q-blog-list">
            {posts.map((post) => (
              <article key={post.id} className="q-blog-card">
                <h2 className="q-blog-card__title">
                  <Link to={`/posts/${encodeURIComponent(post.slug)}`}>{post.title}</Link>
                </h2>
                <PostMeta
                  author={post.author}
                  publishedAt={post.publishedAt}
                  readingMinutes={post.readingMinutes}
                />
                <p className="q-blog-card__excerpt">{post.excerpt}</p>
              </article>
            ))}
          </div>
          {query.isFetchNextPageError ? (
            <p className="q-blog-list__error" role="alert">
              More posts could not be loaded: {query.error?.message}
            </p>
          ) : null}
          {query.hasNextPage ? (
            <div className="q-blog-list__more">
              <Button
                variant="secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
