import {
  Link,
  useDocumentTitle,
  useLocation,
  useNavigate,
  useParams,
  useSearchParams,
  useToast,
} from "@quire/shell-sdk";
import { Button, ConfirmDialog, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { deleteDraft, draftKeys, newDraftId, publishDraft, saveDraft, useDraft } from "../../api/drafts";
import {
  type AdminPost,
  adminPostKeys,
  createPost,
  deletePosts,
  type TaxonomyRef,
  updatePost,
  useCategories,
  usePostForEdit,
} from "../../api/posts";
import { CoverField } from "../components/CoverField";
import { EDITOR_NAVIGATION, NavigationGuard } from "../components/NavigationGuard";
import { TagInput } from "../components/TagInput";
import { clockTime, fromLocalInput, slugPreview, toLocalInput } from "../lib/format";
import { adminPaths } from "../lib/paths";
import { usePendingUploadCount } from "../tiptap/image-upload";
import { Preview } from "../tiptap/Preview";
import { RichEditor } from "../tiptap/RichEditor";

export type EditorMode = "new" | "draft" | "edit";

/** Idle time after the last change before the editor saves a draft by itself. */
export const AUTOSAVE_DELAY_MS = 15_000;
const EXCERPT_MAX = 300;

/**
 * Drafts that an open "new post" editor created by autosaving, by id, with that editor's key: when the URL
 * becomes the draft's, the same editor stays on screen instead of reloading what it just saved.
 */
const adoptedDrafts = new Map<string, string>();

interface FormValues {
  title: string;
  categoryId: string;
  tags: string[];
  coverUrl: string | null;
  excerpt: string;
  visibility: "PUBLIC" | "PRIVATE";
  /** A datetime-local value, "" for now. */
  publishedAt: string;
}

const EMPTY: FormValues = {
  title: "",
  categoryId: "",
  tags: [],
  coverUrl: null,
  excerpt: "",
  visibility: "PUBLIC",
  publishedAt: "",
};

function valuesOf(post: AdminPost): FormValues {
  return {
    title: post.title === "Untitled" && post.status === "DRAFT" ? "" : post.title,
    categoryId: post.category?.id ?? "",
    tags: post.tags.map((tag) => tag.name),
    coverUrl: post.coverUrl,
    excerpt: post.excerpt,
    visibility: post.status === "PRIVATE" ? "PRIVATE" : "PUBLIC",
    publishedAt: post.status === "DRAFT" ? "" : toLocalInput(post.publishedAt),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function EditorSkeleton() {
  return (
    <div className="q-ed-screen" aria-hidden="true">
      <Skeleton width="40%" height="2rem" />
      <Skeleton height="3rem" />
      <Skeleton height="20rem" />
    </div>
  );
}

type SaveState =
  | { kind: "idle" }
  | { kind: "saving"; what: string }
  | { kind: "saved"; at: Date }
  | { kind: "failed"; message: string };

interface EditorFormProps {
  mode: EditorMode;
  docKey: string;
  /** The draft this editor autosaves into (new posts and drafts). */
  draftId: string | null;
  /** The post being edited (edit mode). */
  post: AdminPost | null;
  initialValues: FormValues;
  initialHtml: string;
  /** True when the draft already exists on the server. */
  draftExists: boolean;
  categories: TaxonomyRef[];
}

function EditorForm({
  mode,
  docKey,
  draftId,
  post,
  initialValues,
  initialHtml,
  draftExists,
  categories,
}: EditorFormProps) {
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const ids = useId();
  const titleRef = useRef<HTMLInputElement>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);

  const [values, setValues] = useState<FormValues>(initialValues);
  const html = useRef(initialHtml);
  const [previewHtml, setPreviewHtml] = useState(initialHtml);
  const [previewing, setPreviewing] = useState(false);
  const [revision, setRevision] = useState(0);
  const [savedRevision, setSavedRevision] = useState(0);
  const [saveState, setSaveState] = useState<SaveState>({ kind: "idle" });
  const [errors, setErrors] = useState<{ title?: string; category?: string }>({});
  const [busy, setBusy] = useState(false);
  const [coverBusy, setCoverBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const pendingUploads = usePendingUploadCount();
  const [mode0] = useState(mode);
  const existsOnServer = useRef(draftExists);

  const dirty = revision !== savedRevision;
  const autosaves = mode !== "edit" && draftId !== null;

  const change = <K extends keyof FormValues>(key: K, value: FormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setRevision((n) => n + 1);
    if (key === "title" && value) setErrors((current) => ({ ...current, title: undefined }));
    if (key === "categoryId" && value) setErrors((current) => ({ ...current, category: undefined }));
  };

  const onContentChange = useCallback((next: string) => {
    html.current = next;
    setRevision((n) => n + 1);
  }, []);

  // The latest values for the timers and async saves, which outlive a render.
  const latest = useRef({ values, revision });
  latest.current = { values, revision };

  // Releases the adoption when this editor goes away, so a later visit to the draft loads it afresh.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (draftId) adoptedDrafts.delete(draftId);
    };
  }, [draftId]);

  const draftInput = useCallback(() => {
    const v = latest.current.values;
    return {
      title: v.title.trim(),
      contentHtml: html.current,
      excerpt: v.excerpt.trim(),
      categoryId: v.categoryId || null,
      tags: v.tags,
      coverUrl: v.coverUrl,
    };
  }, []);

  const saveAsDraft = useCallback(
    async (reason: "auto" | "manual") => {
      if (!draftId) return;
      const startRevision = latest.current.revision;
      setSaveState({ kind: "saving", what: "Saving the draft…" });
      try {
        await saveDraft(draftId, draftInput());
        existsOnServer.current = true;
        setSavedRevision(startRevision);
        setSaveState({ kind: "saved", at: new Date() });
        void queryClient.invalidateQueries({ queryKey: draftKeys.all });
        if (mode0 === "new" && mounted.current && !adoptedDrafts.has(draftId)) {
          // The URL becomes the draft's, so a reload or a shared link opens this draft.
          adoptedDrafts.set(draftId, docKey);
          navigate(adminPaths.draft(draftId), { replace: true, state: EDITOR_NAVIGATION });
        }
        if (reason === "manual") toast.show("Draft saved", { tone: "success" });
      } catch (error) {
        setSaveState({ kind: "failed", message: errorMessage(error) });
        if (reason === "manual")
          toast.show(`The draft could not be saved: ${errorMessage(error)}`, { tone: "error" });
      }
    },
    [draftId, docKey, draftInput, mode0, navigate, queryClient, toast],
  );

  // Autosave: 15 s after the last change; images still uploading postpone it (their address is not final).
  useEffect(() => {
    if (!autosaves || !dirty || busy) return;
    const timer = window.setTimeout(
      () => void saveAsDraft("auto"),
      pendingUploads > 0 || coverBusy ? 3_000 : AUTOSAVE_DELAY_MS,
    );
    return () => window.clearTimeout(timer);
  }, [autosaves, dirty, busy, revision, pendingUploads, coverBusy, saveAsDraft]);

  const validate = (): boolean => {
    const next: { title?: string; category?: string } = {};
    if (!values.title.trim()) next.title = "Enter a title";
    if (!values.categoryId) next.category = "Choose a category";
    setErrors(next);
    if (next.title) titleRef.current?.focus();
    else if (next.category) categoryRef.current?.focus();
    return !next.title && !next.category;
  };

  const afterPublish = async (saved: AdminPost, message: string) => {
    setSavedRevision(latest.current.revision);
    queryClient.setQueryData(adminPostKeys.edit(saved.slug), saved);
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: adminPostKeys.all, refetchType: "none" }),
      queryClient.invalidateQueries({ queryKey: draftKeys.all }),
      // The blog's cached lists and post pages are the shell's too: they must show the change.
      queryClient.invalidateQueries({ queryKey: ["blog"] }),
    ]);
    toast.show(message, { tone: "success" });
  };

  const publish = async () => {
    if (!validate()) return;
    if (pendingUploads > 0 || coverBusy) {
      toast.show("Wait for the images to finish uploading", { tone: "error" });
      return;
    }
    const v = values;
    const settings = {
      status: v.visibility,
      categoryId: v.categoryId,
      tags: v.tags,
      excerpt: v.excerpt.trim(),
      coverUrl: v.coverUrl,
      publishedAt: fromLocalInput(v.publishedAt),
    };
    setBusy(true);
    setSaveState({ kind: "saving", what: mode === "edit" ? "Updating the post…" : "Publishing…" });
    try {
      if (mode === "edit" && post) {
        const saved = await updatePost(post.id, {
          ...settings,
          title: v.title.trim(),
          contentHtml: html.current,
        });
        await afterPublish(saved, "Post updated");
        setSaveState({ kind: "idle" });
      } else {
        let saved: AdminPost;
        if (draftId && existsOnServer.current) {
          // The draft holds the text: save the latest, then publish it with its settings.
          await saveDraft(draftId, draftInput());
          saved = await publishDraft(draftId, settings);
        } else {
          saved = await createPost({ ...settings, title: v.title.trim(), contentHtml: html.current });
        }
        await afterPublish(saved, v.visibility === "PRIVATE" ? "Saved as a private post" : "Post published");
        if (draftId) adoptedDrafts.delete(draftId);
        navigate(adminPaths.editPost(saved.id, saved.slug), { replace: true, state: EDITOR_NAVIGATION });
      }
    } catch (error) {
      setSaveState({ kind: "failed", message: errorMessage(error) });
      toast.show(errorMessage(error), { tone: "error" });
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      if (mode === "edit" && post) {
        await deletePosts([post.id]);
        toast.show("Post deleted", { tone: "success" });
      } else if (draftId) {
        await deleteDraft(draftId);
        adoptedDrafts.delete(draftId);
        toast.show("Draft deleted", { tone: "success" });
      }
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: adminPostKeys.all }),
        queryClient.invalidateQueries({ queryKey: draftKeys.all }),
        queryClient.invalidateQueries({ queryKey: ["blog"] }),
      ]);
      setSavedRevision(latest.current.revision);
      setConfirmDelete(false);
      navigate(mode === "edit" ? adminPaths.posts : adminPaths.drafts, { state: EDITOR_NAVIGATION });
    } catch (error) {
      toast.show(errorMessage(error), { tone: "error" });
      setBusy(false);
    }
  };

  const togglePreview = () => {
    if (!previewing) setPreviewHtml(html.current);
    setPreviewing((on) => !on);
  };

  const heading = mode === "edit" ? "Edit post" : mode === "draft" ? "Edit draft" : "New post";
  useDocumentTitle(values.title ? `${heading}: ${values.title}` : heading);

  const categoryName = categories.find((c) => c.id === values.categoryId)?.name ?? null;
  const canDelete = mode === "edit" || existsOnServer.current;
  const slug = post?.slug ?? null;

  let status: string;
  if (saveState.kind === "saving") status = saveState.what;
  else if (saveState.kind === "failed") status = `Not saved: ${saveState.message}`;
  else if (dirty) status = autosaves ? "Unsaved changes: saved as a draft after 15 s" : "Unsaved changes";
  else if (saveState.kind === "saved") status = `Saved as draft at ${clockTime(saveState.at)}`;
  else status = mode === "edit" ? "No changes" : "";

  return (
    // A section, not a form: the dialogs inside (link, bookmark, video) are forms of their own.
    <section className="q-ed-screen" aria-labelledby={`${ids}-title`}>
      <NavigationGuard when={dirty && !busy} />
      <header className="q-ed-header">
        <div>
          <h1 id={`${ids}-title`} className="q-ed-heading">
            {heading}
          </h1>
          <p className="q-ed-status" role="status">
            {status}
          </p>
        </div>
        <div className="q-ed-actions">
          {slug && post?.status !== "DRAFT" ? (
            <Link className="q-button q-button--ghost q-button--small" to={adminPaths.blogPost(slug)}>
              View on blog
            </Link>
          ) : null}
          <Button variant="secondary" size="small" aria-pressed={previewing} onClick={togglePreview}>
            Preview
          </Button>
          {autosaves ? (
            <Button
              variant="secondary"
              size="small"
              disabled={busy || saveState.kind === "saving"}
              onClick={() => void saveAsDraft("manual")}
            >
              Save draft
            </Button>
          ) : null}
          {canDelete ? (
            <Button
              variant="ghost"
              size="small"
              className="q-ed-danger-text"
              onClick={() => setConfirmDelete(true)}
            >
              {mode === "edit" ? "Delete" : "Delete draft"}
            </Button>
          ) : null}
          <Button size="small" disabled={busy || saveState.kind === "saving"} onClick={() => void publish()}>
            {mode === "edit" ? "Update" : "Publish"}
          </Button>
        </div>
      </header>
      {uploadNote ? (
        <p className="q-ed-note" role="status">
          {uploadNote}
        </p>
      ) : null}

      <div className="q-ed-layout">
        <div className="q-ed-main">
          <div hidden={previewing} className="q-ed-write">
            <div className="q-field">
              <label className="q-field__label" htmlFor={`${ids}-post-title`}>
                Title
              </label>
              <input
                ref={titleRef}
                id={`${ids}-post-title`}
                className="q-input q-ed-title-input"
                value={values.title}
                maxLength={200}
                placeholder="A title for the post"
                aria-invalid={errors.title ? true : undefined}
                aria-describedby={errors.title ? `${ids}-title-error` : `${ids}-slug`}
                onChange={(event) => change("title", event.target.value)}
              />
              {errors.title ? (
                <p id={`${ids}-title-error`} className="q-field__error">
                  {errors.title}
                </p>
              ) : null}
              <p id={`${ids}-slug`} className="q-field__hint q-ed-slug">
                {slug && post?.status !== "DRAFT" ? (
                  <>
                    Address: <code>/posts/{slug}</code>
                  </>
                ) : (
                  <>
                    Address, made from the title when published:{" "}
                    <code>/posts/{slugPreview(values.title) || "…"}</code>
                  </>
                )}
              </p>
            </div>
            <RichEditor
              initialHtml={initialHtml}
              onChange={onContentChange}
              onImageUploaded={setUploadNote}
            />
          </div>
          {previewing ? (
            <Preview
              title={values.title}
              coverUrl={values.coverUrl}
              categoryName={categoryName}
              tags={values.tags}
              html={previewHtml}
            />
          ) : null}
        </div>

        <aside className="q-ed-settings" aria-label="Publish settings">
          <h2 className="q-ed-settings__title">Publish settings</h2>
          <div className="q-field">
            <label className="q-field__label" htmlFor={`${ids}-category`}>
              Category
            </label>
            <select
              ref={categoryRef}
              id={`${ids}-category`}
              className="q-input"
              value={values.categoryId}
              aria-invalid={errors.category ? true : undefined}
              aria-describedby={errors.category ? `${ids}-category-error` : undefined}
              onChange={(event) => change("categoryId", event.target.value)}
            >
              <option value="">Choose a category</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.name}
                </option>
              ))}
            </select>
            {errors.category ? (
              <p id={`${ids}-category-error`} className="q-field__error">
                {errors.category}
              </p>
            ) : null}
          </div>

          <TagInput tags={values.tags} onChange={(tags) => change("tags", tags)} />

          <CoverField
            coverUrl={values.coverUrl}
            onChange={(url) => change("coverUrl", url)}
            onBusyChange={setCoverBusy}
          />

          <div className="q-field">
            <label className="q-field__label" htmlFor={`${ids}-excerpt`}>
              Excerpt
            </label>
            <textarea
              id={`${ids}-excerpt`}
              className="q-input"
              rows={3}
              maxLength={EXCERPT_MAX}
              value={values.excerpt}
              aria-describedby={`${ids}-excerpt-hint`}
              onChange={(event) => change("excerpt", event.target.value)}
            />
            <p id={`${ids}-excerpt-hint`} className="q-field__hint">
              {values.excerpt.length}/{EXCERPT_MAX}. Empty: the first 200 characters of the text.
            </p>
          </div>

          <fieldset className="q-ed-fieldset">
            <legend>Visibility</legend>
            <label className="q-ed-radio">
              <input
                type="radio"
                name={`${ids}-visibility`}
                value="PUBLIC"
                checked={values.visibility === "PUBLIC"}
                onChange={() => change("visibility", "PUBLIC")}
              />
              Public
            </label>
            <label className="q-ed-radio">
              <input
                type="radio"
                name={`${ids}-visibility`}
                value="PRIVATE"
                checked={values.visibility === "PRIVATE"}
                onChange={() => change("visibility", "PRIVATE")}
              />
              Private (admins only)
            </label>
          </fieldset>

          <div className="q-field">
            <label className="q-field__label" htmlFor={`${ids}-date`}>
              Publish date
            </label>
            <input
              id={`${ids}-date`}
              className="q-input"
              type="datetime-local"
              value={values.publishedAt}
              aria-describedby={`${ids}-date-hint`}
              onChange={(event) => change("publishedAt", event.target.value)}
            />
            <p id={`${ids}-date-hint`} className="q-field__hint">
              Empty: the moment it is published.
            </p>
          </div>
        </aside>
      </div>

      <ConfirmDialog
        open={confirmDelete}
        title={mode === "edit" ? "Delete this post?" : "Delete this draft?"}
        tone="danger"
        confirmLabel="Delete"
        busy={busy}
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      >
        <p>
          {mode === "edit"
            ? "The post, its comments count and its address disappear from the blog."
            : "The draft and its text are deleted."}{" "}
          This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** posts/new, drafts/:id and posts/:id/edit: loads what the editor opens, then shows it. */
export default function EditorScreen({ mode }: { mode: EditorMode }) {
  const { id = "" } = useParams();
  const [search] = useSearchParams();
  const location = useLocation();
  const categories = useCategories();
  const [freshDraftId, setFreshDraftId] = useState(newDraftId);
  const [freshFor, setFreshFor] = useState(location.key);

  // Each visit to "New post" is a new document with a new draft id.
  if (mode === "new" && freshFor !== location.key) {
    setFreshFor(location.key);
    setFreshDraftId(newDraftId());
  }

  const adoptedKey = mode === "draft" ? adoptedDrafts.get(id) : undefined;
  const draft = useDraft(mode === "draft" && !adoptedKey ? id : null);
  const slug = mode === "edit" ? search.get("slug") : null;
  const post = usePostForEdit(slug);

  if (mode === "edit" && !slug) {
    return (
      <EmptyState
        headingLevel={1}
        title="Open the post from the list"
        message="This address does not say which post to edit."
        action={<Link to={adminPaths.posts}>Go to the posts</Link>}
      />
    );
  }

  const loading =
    categories.isPending ||
    (mode === "draft" && !adoptedKey && draft.isPending) ||
    (mode === "edit" && post.isPending);
  if (loading) {
    return (
      <>
        <p className="q-visually-hidden" role="status">
          Loading the editor
        </p>
        <EditorSkeleton />
      </>
    );
  }
  const failed = categories.error ?? (mode === "draft" ? draft.error : mode === "edit" ? post.error : null);
  if (failed) {
    return (
      <ErrorState
        headingLevel={1}
        title="The editor could not be opened"
        message={failed.message}
        action={
          <Button
            variant="secondary"
            onClick={() => {
              void categories.refetch();
              if (mode === "draft") void draft.refetch();
              if (mode === "edit") void post.refetch();
            }}
          >
            Retry
          </Button>
        }
      />
    );
  }

  const categoryList = categories.data ?? [];
  if (mode === "new") {
    const key = `new:${freshFor}`;
    return (
      <EditorForm
        key={key}
        mode="new"
        docKey={key}
        draftId={freshDraftId}
        post={null}
        initialValues={EMPTY}
        initialHtml=""
        draftExists={false}
        categories={categoryList}
      />
    );
  }
  if (mode === "draft") {
    if (adoptedKey) {
      // The editor that created this draft is still open: keep it (same key), with its own state.
      return (
        <EditorForm
          key={adoptedKey}
          mode="draft"
          docKey={adoptedKey}
          draftId={id}
          post={null}
          initialValues={EMPTY}
          initialHtml=""
          draftExists
          categories={categoryList}
        />
      );
    }
    if (!draft.data) {
      return (
        <EmptyState
          headingLevel={1}
          title="Draft not found"
          message="It may have been published or deleted."
          action={<Link to={adminPaths.drafts}>See the drafts</Link>}
        />
      );
    }
    const key = `draft:${id}`;
    return (
      <EditorForm
        key={key}
        mode="draft"
        docKey={key}
        draftId={id}
        post={draft.data}
        initialValues={valuesOf(draft.data)}
        initialHtml={draft.data.contentHtml ?? ""}
        draftExists
        categories={categoryList}
      />
    );
  }
  if (!post.data) {
    return (
      <EmptyState
        headingLevel={1}
        title="Post not found"
        message="It may have been deleted."
        action={<Link to={adminPaths.posts}>See the posts</Link>}
      />
    );
  }
  if (post.data.status === "DRAFT") {
    return (
      <EmptyState
        headingLevel={1}
        title="This post is a draft"
        action={<Link to={adminPaths.draft(post.data.id)}>Open the draft</Link>}
      />
    );
  }
  const key = `edit:${post.data.id}`;
  return (
    <EditorForm
      key={key}
      mode="edit"
      docKey={key}
      draftId={null}
      post={post.data}
      initialValues={valuesOf(post.data)}
      initialHtml={post.data.contentHtml ?? ""}
      draftExists={false}
      categories={categoryList}
    />
  );
}
