import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { ListStates } from "@quire/ui";
import { useMyComments } from "../api/account";
import { FormattedDate } from "../components/FormattedDate";
import { MyNav } from "../components/MyNav";

export function CommentsPage() {
  useDocumentTitle("My comments");
  const list = useMyComments();

  return (
    <section className="q-user q-user-page" aria-labelledby="q-user-comments-heading">
      <h1 id="q-user-comments-heading" className="q-user-title">
        My comments
      </h1>
      <MyNav />
      <ListStates
        list={list}
        noun="comments"
        errorTitle="Your comments could not be loaded"
        emptyTitle="No comments yet"
        emptyMessage="Your comments on posts will be listed here."
      >
        {(comments) => (
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
        )}
      </ListStates>
    </section>
  );
}
