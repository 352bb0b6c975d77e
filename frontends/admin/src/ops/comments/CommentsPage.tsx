import { errorMessage, Link, useDocumentTitle, useSearchParams, useToast } from "@quire/shell-sdk";
import { Button, ConfirmDialog, Field, ListSkeleton, LoadMore } from "@quire/ui";
import { useState } from "react";
import {
  type AdminComment,
  COMMENT_STATUSES,
  type CommentStatus,
  useAdminComments,
  useDeleteComments,
  useSetCommentStatus,
} from "../../api/comments";
import { Empty, FormattedDate, LoadError, ScreenHeader, StatusBadge } from "../../components/ListStates";

const statusLabel = (status: string) => COMMENT_STATUSES.find((s) => s.value === status)?.label ?? status;

function authorName(comment: AdminComment): string {
  return comment.author?.name ?? "Deleted author";
}

function CommentItem({
  comment,
  selected,
  onSelect,
  onDelete,
}: {
  comment: AdminComment;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  onDelete: () => void;
}) {
  const toast = useToast();
  const setStatus = useSetCommentStatus();
  const name = authorName(comment);

  const change = (status: CommentStatus, done: string) =>
    setStatus.mutate(
      { id: comment.id, status },
      {
        onSuccess: () => toast.show(done, { tone: "success" }),
        onError: (error) =>
          toast.show(errorMessage(error) ?? "The comment could not be changed", { tone: "error" }),
      },
    );

  return (
    <li className="q-admin-list__item q-admin-comment">
      <div className="q-admin-comment__head">
        {comment.deleted ? null : (
          <input
            type="checkbox"
            className="q-admin-check"
            aria-label={`Select the comment by ${name}`}
            checked={selected}
            onChange={(e) => onSelect(e.target.checked)}
          />
        )}
        <span className="q-admin-comment__author">
          {name}
          {comment.author?.guest ? <span className="q-admin-muted"> (guest)</span> : null}
        </span>
        <StatusBadge status={comment.status} label={statusLabel(comment.status)} />
        {comment.secret ? <StatusBadge status="secret" label="Private" /> : null}
        {comment.deleted ? <StatusBadge status="deleted" label="Deleted" /> : null}
      </div>
      <p className="q-admin-comment__text">{comment.content ?? <em className="q-admin-muted">No text</em>}</p>
      <p className="q-admin-muted q-admin-comment__meta">
        <FormattedDate value={comment.createdAt} withTime />
        {comment.edited ? " · edited" : null}
        {" · "}
        {comment.post ? <Link to={`/posts/${comment.post.slug}`}>{comment.post.title}</Link> : "Post removed"}
        {comment.parentId ? " · reply" : null}
      </p>
      {comment.deleted ? null : (
        <div className="q-admin-actions">
          {comment.status === "APPROVED" ? (
            <Button
              size="small"
              variant="secondary"
              disabled={setStatus.isPending}
              onClick={() => change("SPAM", "Comment hidden")}
            >
              Hide<span className="q-visually-hidden"> the comment by {name}</span>
            </Button>
          ) : (
            <Button
              size="small"
              variant="secondary"
              disabled={setStatus.isPending}
              onClick={() => change("APPROVED", "Comment shown")}
            >
              Show<span className="q-visually-hidden"> the comment by {name}</span>
            </Button>
          )}
          {comment.status === "PENDING" ? (
            <Button
              size="small"
              variant="ghost"
              disabled={setStatus.isPending}
              onClick={() => change("SPAM", "Comment hidden")}
            >
              Hide<span className="q-visually-hidden"> the comment by {name}</span>
            </Button>
          ) : null}
          <Button size="small" variant="ghost" onClick={onDelete}>
            Delete<span className="q-visually-hidden"> the comment by {name}</span>
          </Button>
        </div>
      )}
    </li>
  );
}

/** Moderation: every comment, filtered by status, hidden, shown or deleted one by one or in bulk. */
export function CommentsPage() {
  useDocumentTitle("Comments");
  const toast = useToast();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status = COMMENT_STATUSES.find((s) => s.value === statusParam)?.value ?? null;
  const includeDeleted = searchParams.get("deleted") === "1";
  const { query, items } = useAdminComments({ status, includeDeleted });
  const remove = useDeleteComments();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pendingDelete, setPendingDelete] = useState<string[] | null>(null);

  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSelected(new Set());
    setSearchParams(next, { replace: true });
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const confirmDelete = () => {
    if (!pendingDelete) return;
    remove.mutate(pendingDelete, {
      onSuccess: (count) => {
        toast.show(count === 1 ? "Comment deleted" : `${count} comments deleted`, { tone: "success" });
        setSelected(new Set());
        setPendingDelete(null);
      },
    });
  };

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-comments-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Comments" id="q-admin-comments-title" />
      <div className="q-admin-toolbar">
        <Field label="Status">
          {(control) => (
            <select
              {...control}
              className="q-input"
              value={status ?? ""}
              onChange={(e) => setParam("status", e.target.value || null)}
            >
              <option value="">All</option>
              {COMMENT_STATUSES.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <label className="q-admin-checkbox">
          <input
            type="checkbox"
            checked={includeDeleted}
            onChange={(e) => setParam("deleted", e.target.checked ? "1" : null)}
          />
          Include deleted
        </label>
        <Button
          variant="secondary"
          disabled={selected.size === 0}
          onClick={() => {
            remove.reset();
            setPendingDelete([...selected]);
          }}
        >
          Delete selected{selected.size > 0 ? ` (${selected.size})` : ""}
        </Button>
      </div>
      {query.isPending ? (
        <ListSkeleton label="Loading comments" />
      ) : query.isError && items.length === 0 ? (
        <LoadError
          title="The comments could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : items.length === 0 ? (
        <Empty
          title="No comments"
          message={status ? "None with this status." : "Nobody has commented yet."}
        />
      ) : (
        <>
          <ul className="q-admin-list">
            {items.map((comment) => (
              <CommentItem
                key={comment.id}
                comment={comment}
                selected={selected.has(comment.id)}
                onSelect={(on) => toggle(comment.id, on)}
                onDelete={() => {
                  remove.reset();
                  setPendingDelete([comment.id]);
                }}
              />
            ))}
          </ul>
          <LoadMore
            noun="comments"
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            nextPageError={query.isFetchNextPageError ? query.error : null}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
      <ConfirmDialog
        open={pendingDelete != null}
        title={
          pendingDelete && pendingDelete.length > 1
            ? `Delete ${pendingDelete.length} comments?`
            : "Delete this comment?"
        }
        confirmLabel="Delete"
        tone="danger"
        busy={remove.isPending}
        error={errorMessage(remove.error)}
        onConfirm={confirmDelete}
        onCancel={() => setPendingDelete(null)}
      >
        <p>
          A comment with replies stays as a placeholder so the conversation still reads; the others disappear.
        </p>
      </ConfirmDialog>
    </section>
  );
}
