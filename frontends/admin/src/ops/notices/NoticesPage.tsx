import { errorMessage, fieldErrors, useDocumentTitle, useSearchParams, useToast } from "@quire/shell-sdk";
import { Button, Card, ConfirmDialog, Field, ListSkeleton, LoadMore } from "@quire/ui";
import { type FormEvent, useState } from "react";
import {
  type AdminNotice,
  type NoticeInput,
  type NoticeStatus,
  useAdminNotices,
  useDeleteNotice,
  useSaveNotice,
} from "../../api/notices";
import { Empty, FormattedDate, LoadError, ScreenHeader, StatusBadge } from "../../components/ListStates";

const EMPTY: NoticeInput = {
  title: "",
  contentHtml: "",
  badge: "Notice",
  color: "#3b82f6",
  pinned: false,
  status: "DRAFT",
};

function NoticeForm({ notice, onDone }: { notice: AdminNotice | null; onDone: () => void }) {
  const toast = useToast();
  const save = useSaveNotice();
  const [values, setValues] = useState<NoticeInput>(
    notice
      ? {
          title: notice.title,
          contentHtml: notice.contentHtml,
          badge: notice.badge,
          color: notice.color,
          pinned: notice.pinned,
          status: notice.status,
        }
      : EMPTY,
  );
  const errors = fieldErrors(save.error);
  const set = <K extends keyof NoticeInput>(key: K, value: NoticeInput[K]) =>
    setValues((current) => ({ ...current, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        id: notice?.id ?? null,
        input: { ...values, title: values.title.trim(), badge: values.badge.trim() },
      },
      {
        onSuccess: (saved) => {
          toast.show(notice ? `${saved.title} saved` : `${saved.title} created`, { tone: "success" });
          onDone();
        },
      },
    );
  };

  const headingId = notice ? `q-admin-notice-edit-${notice.id}` : "q-admin-notice-new";
  return (
    <Card as="section" className="q-admin-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="q-admin-subtitle">
        {notice ? `Edit “${notice.title}”` : "New notice"}
      </h2>
      <form className="q-admin-form" onSubmit={submit}>
        <Field label="Title" error={errors.title}>
          {(control) => (
            <input
              {...control}
              className="q-input"
              value={values.title}
              maxLength={200}
              required
              onChange={(e) => set("title", e.target.value)}
            />
          )}
        </Field>
        <Field
          label="Content"
          hint="HTML: paragraphs, links, lists and emphasis are kept; anything else is removed when saved."
          error={errors.contentHtml}
        >
          {(control) => (
            <textarea
              {...control}
              className="q-input"
              rows={6}
              value={values.contentHtml}
              onChange={(e) => set("contentHtml", e.target.value)}
            />
          )}
        </Field>
        <div className="q-admin-form__row">
          <Field label="Badge" hint="Up to 20 characters." error={errors.badge}>
            {(control) => (
              <input
                {...control}
                className="q-input"
                value={values.badge}
                maxLength={20}
                onChange={(e) => set("badge", e.target.value)}
              />
            )}
          </Field>
          <Field label="Colour" error={errors.color}>
            {(control) => (
              <input
                {...control}
                className="q-input q-admin-color"
                type="color"
                value={values.color}
                onChange={(e) => set("color", e.target.value)}
              />
            )}
          </Field>
          <Field label="Status" error={errors.status}>
            {(control) => (
              <select
                {...control}
                className="q-input"
                value={values.status}
                onChange={(e) => set("status", e.target.value as NoticeStatus)}
              >
                <option value="DRAFT">Draft</option>
                <option value="PUBLISHED">Published</option>
              </select>
            )}
          </Field>
        </div>
        <label className="q-admin-checkbox">
          <input type="checkbox" checked={values.pinned} onChange={(e) => set("pinned", e.target.checked)} />
          Pin: show it in the home page's pop-up
        </label>
        {save.error && Object.keys(errors).length === 0 ? (
          <p className="q-admin-error" role="alert">
            {errorMessage(save.error)}
          </p>
        ) : null}
        <div className="q-admin-actions">
          <Button type="submit" disabled={save.isPending}>
            {notice ? "Save notice" : "Create notice"}
          </Button>
          <Button variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}

function NoticeItem({
  notice,
  onEdit,
  onDelete,
}: {
  notice: AdminNotice;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const toast = useToast();
  const save = useSaveNotice();
  return (
    <li className="q-admin-list__item q-admin-row">
      <div className="q-admin-row__main">
        <span className="q-admin-row__title">
          {notice.badge ? (
            <>
              <span className="q-admin-notice-badge" style={{ background: notice.color }}>
                {notice.badge}
              </span>{" "}
            </>
          ) : null}
          {notice.title}
        </span>
        <span className="q-admin-muted">
          <StatusBadge status={notice.status} label={notice.status === "DRAFT" ? "Draft" : "Published"} />
          {notice.pinned ? (
            <>
              {" "}
              <StatusBadge status="pinned" label="Pinned" />
            </>
          ) : null}{" "}
          Updated <FormattedDate value={notice.updatedAt} />
        </span>
      </div>
      <div className="q-admin-actions">
        <Button size="small" variant="secondary" onClick={onEdit}>
          Edit<span className="q-visually-hidden"> {notice.title}</span>
        </Button>
        <Button
          size="small"
          variant="secondary"
          disabled={save.isPending}
          aria-pressed={notice.pinned}
          onClick={() =>
            save.mutate(
              { id: notice.id, input: { pinned: !notice.pinned } },
              {
                onSuccess: (saved) =>
                  toast.show(saved.pinned ? `${saved.title} pinned` : `${saved.title} unpinned`, {
                    tone: "success",
                  }),
                onError: (error) => toast.show(errorMessage(error) ?? "Not saved", { tone: "error" }),
              },
            )
          }
        >
          Pin<span className="q-visually-hidden"> {notice.title}</span>
        </Button>
        <Button size="small" variant="ghost" onClick={onDelete}>
          Delete<span className="q-visually-hidden"> {notice.title}</span>
        </Button>
      </div>
    </li>
  );
}

/** Notices: a list by status, with a form to create or edit one, pin it for the pop-up, or delete it. */
export function NoticesPage() {
  useDocumentTitle("Notices");
  const toast = useToast();
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get("status");
  const status: NoticeStatus | null =
    statusParam === "DRAFT" || statusParam === "PUBLISHED" ? statusParam : null;
  const { query, items } = useAdminNotices(status);
  const remove = useDeleteNotice();
  // "new", a notice being edited, or nothing.
  const [editing, setEditing] = useState<AdminNotice | "new" | null>(null);
  const [pendingDelete, setPendingDelete] = useState<AdminNotice | null>(null);

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-notices-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Notices" id="q-admin-notices-title">
        <Button onClick={() => setEditing("new")} disabled={editing === "new"}>
          New notice
        </Button>
      </ScreenHeader>
      {editing ? (
        <NoticeForm
          key={editing === "new" ? "new" : editing.id}
          notice={editing === "new" ? null : editing}
          onDone={() => setEditing(null)}
        />
      ) : null}
      <div className="q-admin-toolbar">
        <Field label="Filter by status">
          {(control) => (
            <select
              {...control}
              className="q-input"
              value={status ?? ""}
              onChange={(e) =>
                setSearchParams(e.target.value ? { status: e.target.value } : {}, { replace: true })
              }
            >
              <option value="">All</option>
              <option value="DRAFT">Draft</option>
              <option value="PUBLISHED">Published</option>
            </select>
          )}
        </Field>
      </div>
      {query.isPending ? (
        <ListSkeleton label="Loading notices" />
      ) : query.isError && items.length === 0 ? (
        <LoadError
          title="The notices could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : items.length === 0 ? (
        <Empty title="No notices" message={status ? "None with this status." : "Create the first one."} />
      ) : (
        <>
          <ul className="q-admin-list">
            {items.map((notice) => (
              <NoticeItem
                key={notice.id}
                notice={notice}
                onEdit={() => {
                  setEditing(notice);
                  window.scrollTo({ top: 0 });
                }}
                onDelete={() => {
                  remove.reset();
                  setPendingDelete(notice);
                }}
              />
            ))}
          </ul>
          <LoadMore
            noun="notices"
            hasNextPage={query.hasNextPage}
            isFetchingNextPage={query.isFetchingNextPage}
            nextPageError={query.isFetchNextPageError ? query.error : null}
            onLoadMore={() => void query.fetchNextPage()}
          />
        </>
      )}
      <ConfirmDialog
        open={pendingDelete != null}
        title={`Delete the notice “${pendingDelete?.title ?? ""}”?`}
        confirmLabel="Delete"
        tone="danger"
        busy={remove.isPending}
        error={errorMessage(remove.error)}
        onConfirm={() => {
          if (!pendingDelete) return;
          remove.mutate(pendingDelete.id, {
            onSuccess: () => {
              toast.show("Notice deleted", { tone: "success" });
              if (editing !== "new" && editing?.id === pendingDelete.id) setEditing(null);
              setPendingDelete(null);
            },
          });
        }}
        onCancel={() => setPendingDelete(null)}
      >
        <p>Readers can no longer open it, and its address stops working.</p>
      </ConfirmDialog>
    </section>
  );
}
