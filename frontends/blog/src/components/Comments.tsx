import { useSession } from "@quire/shell-sdk";
import { Button, LoadMore, Skeleton } from "@quire/ui";
import { type FormEvent, type ReactNode, useId, useState } from "react";
import {
  type Comment,
  CommentsUnavailableError,
  mutationMessage,
  useAddComment,
  useComments,
  useDeleteComment,
  useEditComment,
} from "../api/conversation";
import { formatDate } from "./PostMeta";

const MAX_CONTENT = 2000;

function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p className="q-blog-form__error" role="alert">
      {mutationMessage(error)}
    </p>
  );
}

interface CommentFormProps {
  slug: string;
  postId: string;
  parentId?: string;
  onDone?: () => void;
  onCancel?: () => void;
}

/** A new comment or reply: signed-in readers write under their name, guests give a name and a password. */
function CommentForm({ slug, postId, parentId, onDone, onCancel }: CommentFormProps) {
  const { user } = useSession();
  const add = useAddComment(slug, postId);
  const [content, setContent] = useState("");
  const [secret, setSecret] = useState(false);
  const [guestName, setGuestName] = useState("");
  const [guestPassword, setGuestPassword] = useState("");
  const id = useId();
  const label = parentId ? "Reply" : "Comment";

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = content.trim();
    if (!text) return;
    add.mutate(
      user
        ? { content: text, parentId: parentId ?? null, secret }
        : { content: text, parentId: parentId ?? null, guestName: guestName.trim(), guestPassword },
      {
        onSuccess: () => {
          setContent("");
          setSecret(false);
          onDone?.();
        },
      },
    );
  };

  return (
    <form
      className="q-blog-form"
      onSubmit={submit}
      aria-label={parentId ? "Write a reply" : "Write a comment"}
    >
      {user ? null : (
        <div className="q-blog-form__row">
          <div className="q-blog-field">
            <label htmlFor={`${id}-name`}>Name</label>
            <input
              id={`${id}-name`}
              value={guestName}
              onChange={(e) => setGuestName(e.target.value)}
              required
              maxLength={50}
              autoComplete="nickname"
            />
          </div>
          <div className="q-blog-field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              type="password"
              value={guestPassword}
              onChange={(e) => setGuestPassword(e.target.value)}
              required
              minLength={4}
              autoComplete="new-password"
              aria-describedby={`${id}-password-hint`}
            />
            <small id={`${id}-password-hint`}>At least 4 characters, to edit or delete it later.</small>
          </div>
        </div>
      )}
      <div className="q-blog-field">
        <label htmlFor={`${id}-content`}>{label}</label>
        <textarea
          id={`${id}-content`}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          required
          maxLength={MAX_CONTENT}
          rows={parentId ? 3 : 4}
          aria-describedby={`${id}-count`}
        />
        <small id={`${id}-count`}>
          {content.length} / {MAX_CONTENT}
        </small>
      </div>
      {user ? (
        <label className="q-blog-check">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} /> Secret
          (only you and the admins can read it)
        </label>
      ) : null}
      <FormError error={add.error} />
      <div className="q-blog-form__actions">
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? "Posting…" : parentId ? "Post reply" : "Post comment"}
        </Button>
        {onCancel ? (
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}

type Mode = "view" | "edit" | "delete" | "reply";

interface CommentItemProps {
  comment: Comment;
  slug: string;
  postId: string;
  isReply?: boolean;
}

function CommentItem({ comment, slug, postId, isReply = false }: CommentItemProps) {
  const { user } = useSession();
  const [mode, setMode] = useState<Mode>("view");
  const [draft, setDraft] = useState(comment.content ?? "");
  const [password, setPassword] = useState("");
  const edit = useEditComment(slug);
  const remove = useDeleteComment(slug);
  const id = useId();

  const guest = comment.author?.guest ?? false;
  const isAdmin = user?.role === "ADMIN";
  // Anyone may try a guest comment's password; the server decides.
  const canModify = !comment.deleted && (comment.mine || isAdmin || guest);
  const askPassword = guest && !comment.mine && !isAdmin;
  const date = formatDate(comment.createdAt);

  const reset = () => {
    setMode("view");
    setPassword("");
    edit.reset();
    remove.reset();
  };

  const saveEdit = (event: FormEvent) => {
    event.preventDefault();
    const content = draft.trim();
    if (!content) return;
    edit.mutate(
      { id: comment.id, content, guestPassword: askPassword ? password : undefined },
      { onSuccess: reset },
    );
  };
  const confirmDelete = (event: FormEvent) => {
    event.preventDefault();
    remove.mutate(
      { id: comment.id, guestPassword: askPassword ? password : undefined },
      { onSuccess: reset },
    );
  };

  let body: ReactNode;
  if (comment.deleted) body = <p className="q-blog-comment__placeholder">This comment was deleted.</p>;
  else if (comment.content == null && comment.secret)
    body = <p className="q-blog-comment__placeholder">This comment is private.</p>;
  else body = <p className="q-blog-comment__content">{comment.content}</p>;

  const passwordField = askPassword ? (
    <div className="q-blog-field">
      <label htmlFor={`${id}-password`}>Password</label>
      <input
        id={`${id}-password`}
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        autoComplete="current-password"
      />
    </div>
  ) : null;

  return (
    <li className={isReply ? "q-blog-comment q-blog-comment--reply" : "q-blog-comment"}>
      <div className="q-blog-comment__header">
        <span className="q-blog-comment__author">{comment.author?.name ?? "Deleted"}</span>
        {guest ? <span className="q-blog-badge">Guest</span> : null}
        {comment.secret ? <span className="q-blog-badge">Secret</span> : null}
        {date ? <time dateTime={comment.createdAt}>{date}</time> : null}
        {comment.edited && !comment.deleted ? <span>(edited)</span> : null}
      </div>
      {mode === "edit" ? (
        <form className="q-blog-form" onSubmit={saveEdit} aria-label="Edit the comment">
          <div className="q-blog-field">
            <label htmlFor={`${id}-edit`}>Edit comment</label>
            <textarea
              id={`${id}-edit`}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              required
              maxLength={MAX_CONTENT}
              rows={3}
            />
          </div>
          {passwordField}
          <FormError error={edit.error} />
          <div className="q-blog-form__actions">
            <Button type="submit" disabled={edit.isPending}>
              Save
            </Button>
            <Button variant="ghost" onClick={reset}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        body
      )}
      {mode === "delete" ? (
        <form className="q-blog-form" onSubmit={confirmDelete} aria-label="Delete the comment">
          <p>Delete this comment?</p>
          {passwordField}
          <FormError error={remove.error} />
          <div className="q-blog-form__actions">
            <Button type="submit" disabled={remove.isPending}>
              Delete comment
            </Button>
            <Button variant="ghost" onClick={reset}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {mode === "view" && !comment.deleted ? (
        <div className="q-blog-comment__actions">
          {!isReply ? (
            <Button variant="ghost" size="small" onClick={() => setMode("reply")}>
              Reply
            </Button>
          ) : null}
          {canModify && comment.content != null ? (
            <Button
              variant="ghost"
              size="small"
              onClick={() => {
                setDraft(comment.content ?? "");
                setMode("edit");
              }}
            >
              Edit
            </Button>
          ) : null}
          {canModify ? (
            <Button variant="ghost" size="small" onClick={() => setMode("delete")}>
              Delete
            </Button>
          ) : null}
        </div>
      ) : null}
      {mode === "reply" ? (
        <CommentForm slug={slug} postId={postId} parentId={comment.id} onDone={reset} onCancel={reset} />
      ) : null}
      {comment.replies && comment.replies.length > 0 ? (
        <ol
          className="q-blog-comments q-blog-comments--replies"
          aria-label={`Replies to ${comment.author?.name ?? "a deleted comment"}`}
        >
          {comment.replies.map((reply) => (
            <CommentItem key={reply.id} comment={reply} slug={slug} postId={postId} isReply />
          ))}
        </ol>
      ) : null}
    </li>
  );
}

/** The post's comments: threaded one level deep, paged, live, with the form to add one. */
export function Comments({ slug, postId }: { slug: string; postId: string }) {
  const list = useComments(slug, postId);
  const comments = list.items;
  const total = list.pages[0]?.totalCount;
  const unavailable = list.error instanceof CommentsUnavailableError;

  return (
    <section className="q-blog-comments-section" aria-labelledby="q-blog-comments-heading">
      <h2 id="q-blog-comments-heading">Comments{total != null ? ` (${total})` : ""}</h2>
      {list.isPending ? (
        <>
          <p className="q-visually-hidden" role="status">
            Loading comments
          </p>
          <div aria-hidden="true" className="q-blog-comments">
            <Skeleton width="40%" />
            <Skeleton height="3rem" />
          </div>
        </>
      ) : unavailable ? (
        <p className="q-blog-comments__unavailable" role="status">
          Comments are unavailable right now.{" "}
          <Button variant="ghost" size="small" onClick={list.retry}>
            Try again
          </Button>
        </p>
      ) : list.error ? (
        <p className="q-blog-list__error" role="alert">
          The comments could not be loaded: {list.error.message}{" "}
          <Button variant="ghost" size="small" onClick={list.retry}>
            Try again
          </Button>
        </p>
      ) : (
        <>
          {comments.length === 0 ? (
            <p className="q-blog-comments__empty">No comments yet. Be the first to write one.</p>
          ) : (
            <ol className="q-blog-comments" aria-label="Comments">
              {comments.map((comment) => (
                <CommentItem key={comment.id} comment={comment} slug={slug} postId={postId} />
              ))}
            </ol>
          )}
          <LoadMore
            hasNextPage={list.hasNextPage}
            isFetchingNextPage={list.isFetchingNextPage}
            nextPageError={list.nextPageError}
            onLoadMore={list.loadMore}
            noun="comments"
          />
          <h3 className="q-blog-comments__form-title">Write a comment</h3>
          <CommentForm slug={slug} postId={postId} />
        </>
      )}
    </section>
  );
}
