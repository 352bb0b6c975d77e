import { useDocumentTitle } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState } from "@quire/ui";
import { Link } from "react-router-dom";
import { useMyComments } from "../api/account";
import { FormattedDate, ListSkeleton } from "../components/ListSkeleton";
import { LoadMore } from "../components/LoadMore";
import { MyNav } from "../components/MyNav";

export function CommentsPage() {
  useDocumentTitle("My comments");
  const query = useMyComments();
  const comments = query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [];

  return (
    <section
      className="q-user q-user-page"
      aria-labelledby="q-user-comments-heading"
      aria-busy={query.isFetching}
    >
      <h1 id="q-user-comments-heading" className="q-user-title">
        My comments
      </h1>
      <MyNav />
      {query.isPending ? (
        <ListSkeleton label="Loading comments" />
      ) : query.isError && comments.length === 0 ? (
        <ErrorState
          title="Your comments could not be loaded"
          message={query.error.message}
          action={<Button onClick={() => void query.refetch()}>Try again</Button>}
        />
      ) : comments.length === 0 ? (
        <EmptyState title="No comments yet" message="Your comments on posts will be listed here." />
      ) : (
        <>
          <ul className="q-user-list">
            {comments.map((comment) => (
              <li key={comment.id} className="q-user-list__item">
                <p className="q-user-comment">{comment.content ?? <em>This comment was deleted.</em>}</p>
                <span className="q-user-muted">
                  {comment.post ? (
                    <>
                      On{" "}
                      <Link to={`/posts/${encodeURIComponent(comment.post.slug)}#comment-${comment.id}`}>
                        {comment.post.title}
                      </Link>
                      {" · "}
                    </>
                  ) : null}
                  <FormattedDate value={comment.createdAt} />
                </span>
              </li>
            ))}
          </ul>
          <LoadMore
            what="comments"
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            error={query.isFetchNextPageError ? query.error : null}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
    </section>
  );
}
