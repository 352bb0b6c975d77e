import { Link, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, ConfirmDialog, ListSkeleton, LoadMore } from "@quire/ui";
import { useId, useState } from "react";
import { useDeleteDraft, useDrafts } from "../../api/drafts";
import type { AdminPost } from "../../api/posts";
import { Empty, FormattedDate, LoadError, ScreenHeader } from "../../components/ListStates";
import { adminPaths } from "../lib/paths";

/** Drafts, most recently changed first: open one in the editor, or delete it. */
export default function DraftListScreen() {
  useDocumentTitle("Drafts");
  const ids = useId();
  const toast = useToast();
  const query = useDrafts();
  const remove = useDeleteDraft();
  const [target, setTarget] = useState<AdminPost | null>(null);
  const drafts = query.data?.pages.flatMap((page) => page.edges.map((e) => e.node)) ?? [];

  const confirmDelete = () => {
    if (!target) return;
    remove.mutate(target.id, {
      onSuccess: () => {
        toast.show("Draft deleted", { tone: "success" });
        setTarget(null);
      },
      onError: (error) => {
        toast.show(`The draft could not be deleted: ${error.message}`, { tone: "error" });
        setTarget(null);
      },
    });
  };

  return (
    <section className="q-admin-screen q-ed-list" aria-labelledby={`${ids}-h`}>
      <ScreenHeader title="Drafts" id={`${ids}-h`}>
        <Link className="q-button q-button--primary q-button--small" to={adminPaths.newPost}>
          New post
        </Link>
      </ScreenHeader>
      <p className="q-ed-muted">The editor saves a draft by itself 15 seconds after your last change.</p>

      {query.isPending ? (
        <ListSkeleton label="Loading the drafts" />
      ) : query.isError && drafts.length === 0 ? (
        <LoadError
          title="The drafts could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : drafts.length === 0 ? (
        <Empty
          title="No drafts"
          message="Start a post: it is kept here until you publish it."
          action={<Link to={adminPaths.newPost}>New post</Link>}
        />
      ) : (
        <ul className="q-ed-drafts" aria-label="Drafts">
          {drafts.map((draft) => (
            <li key={draft.id} className="q-ed-drafts__item">
              <div className="q-ed-drafts__main">
                <Link className="q-ed-drafts__title" to={adminPaths.draft(draft.id)}>
                  {draft.title || "Untitled"}
                </Link>
                <p className="q-ed-drafts__meta">
                  {draft.updatedAt ? (
                    <>
                      Changed <FormattedDate value={draft.updatedAt} withTime />
                    </>
                  ) : null}
                  {draft.category ? ` · ${draft.category.name}` : ""}
                  {draft.excerpt ? ` · ${draft.excerpt.slice(0, 80)}` : ""}
                </p>
              </div>
              <div className="q-ed-drafts__actions">
                <Link
                  className="q-button q-button--secondary q-button--small"
                  to={adminPaths.draft(draft.id)}
                >
                  Open<span className="q-visually-hidden"> {draft.title || "Untitled"}</span>
                </Link>
                <Button
                  variant="ghost"
                  size="small"
                  className="q-ed-danger-text"
                  aria-label={`Delete ${draft.title || "Untitled"}`}
                  onClick={() => setTarget(draft)}
                >
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}

      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        nextPageError={query.isFetchNextPageError ? query.error : null}
        onLoadMore={() => void query.fetchNextPage()}
        noun="drafts"
      />

      <ConfirmDialog
        open={target !== null}
        title="Delete this draft?"
        tone="danger"
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={confirmDelete}
        onCancel={() => setTarget(null)}
      >
        <p>“{target?.title || "Untitled"}” and its text are deleted. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
