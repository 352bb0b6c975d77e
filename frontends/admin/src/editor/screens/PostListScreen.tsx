import { Link, useDocumentTitle, useSearchParams, useToast } from "@quire/shell-sdk";
import { Button, ConfirmDialog, ListSkeleton, LoadMore } from "@quire/ui";
import { type FormEvent, useId, useMemo, useState } from "react";
import {
  type AdminPost,
  type AdminPostSort,
  type PostStatus,
  useAdminPosts,
  useCategories,
  useDeletePosts,
} from "../../api/posts";
import {
  Empty,
  FormattedDate,
  formatNumber,
  LoadError,
  ScreenHeader,
  StatusBadge,
} from "../../components/ListStates";
import { adminPaths } from "../lib/paths";

const STATUSES: Array<{ value: PostStatus; label: string }> = [
  { value: "PUBLIC", label: "Public" },
  { value: "PRIVATE", label: "Private" },
  { value: "DRAFT", label: "Draft" },
];

const SORTS: Array<{ value: AdminPostSort; label: string }> = [
  { value: "DATE", label: "Newest" },
  { value: "VIEWS", label: "Most viewed" },
  { value: "LIKES", label: "Most liked" },
];

const STATUS_LABEL: Record<PostStatus, string> = { PUBLIC: "Public", PRIVATE: "Private", DRAFT: "Draft" };

function editPath(post: AdminPost): string {
  return post.status === "DRAFT" ? adminPaths.draft(post.id) : adminPaths.editPost(post.id, post.slug);
}

function parseStatus(value: string | null): PostStatus | undefined {
  return STATUSES.find((s) => s.value === value)?.value;
}

function parseSort(value: string | null): AdminPostSort {
  return SORTS.find((s) => s.value === value)?.value ?? "DATE";
}

/** Every post, any status: search, filters, sort, several at once deleted, "Load more". */
export default function PostListScreen() {
  useDocumentTitle("Posts");
  const ids = useId();
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const status = parseStatus(params.get("status"));
  const category = params.get("category") ?? "";
  const sort = parseSort(params.get("sort"));
  const [searchText, setSearchText] = useState(q);
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [confirming, setConfirming] = useState(false);

  const categories = useCategories();
  const query = useAdminPosts({ q: q || undefined, status, category: category || undefined }, sort);
  const remove = useDeletePosts();
  const posts = useMemo(
    () => query.data?.pages.flatMap((page) => page.edges.map((e) => e.node)) ?? [],
    [query.data],
  );
  const selectedShown = posts.filter((post) => selected.has(post.id));

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    setSelected(new Set());
  };

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setParam("q", searchText.trim());
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const allShownSelected = posts.length > 0 && selectedShown.length === posts.length;

  const deleteSelected = () => {
    const targets = selectedShown.map((post) => post.id);
    remove.mutate(targets, {
      onSuccess: (deleted) => {
        toast.show(`${deleted.length} ${deleted.length === 1 ? "post" : "posts"} deleted`, {
          tone: "success",
        });
        setSelected(new Set());
        setConfirming(false);
      },
      onError: (error) => {
        toast.show(`The posts could not be deleted: ${error.message}`, { tone: "error" });
        setConfirming(false);
      },
    });
  };

  return (
    <section className="q-admin-screen q-ed-list" aria-labelledby={`${ids}-h`}>
      <ScreenHeader title="Posts" id={`${ids}-h`}>
        <Link className="q-button q-button--primary q-button--small" to={adminPaths.newPost}>
          New post
        </Link>
      </ScreenHeader>

      <div className="q-ed-filters">
        <search className="q-ed-filters__search">
          <form className="q-ed-filters__form" onSubmit={onSearch}>
            <label className="q-visually-hidden" htmlFor={`${ids}-q`}>
              Search posts
            </label>
            <input
              id={`${ids}-q`}
              className="q-input"
              type="search"
              placeholder="Search title and text"
              value={searchText}
              maxLength={100}
              onChange={(event) => setSearchText(event.target.value)}
            />
            <Button type="submit" variant="secondary" size="small">
              Search
            </Button>
          </form>
        </search>
        <label className="q-ed-filters__field">
          <span>Status</span>
          <select
            className="q-input"
            value={status ?? ""}
            onChange={(event) => setParam("status", event.target.value)}
          >
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label className="q-ed-filters__field">
          <span>Category</span>
          <select
            className="q-input"
            value={category}
            onChange={(event) => setParam("category", event.target.value)}
          >
            <option value="">All</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.id} value={c.slug}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="q-ed-filters__field">
          <span>Sort by</span>
          <select className="q-input" value={sort} onChange={(event) => setParam("sort", event.target.value)}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="q-ed-bulk" aria-live="polite">
        <span>
          {selectedShown.length > 0 ? `${selectedShown.length} selected` : "Select posts to delete several"}
        </span>
        <Button
          variant="secondary"
          size="small"
          className="q-ed-danger-text"
          disabled={selectedShown.length === 0 || remove.isPending}
          onClick={() => setConfirming(true)}
        >
          Delete selected
        </Button>
      </div>

      {query.isPending ? (
        <ListSkeleton label="Loading the posts" rows={6} />
      ) : query.isError && posts.length === 0 ? (
        <LoadError
          title="The posts could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : posts.length === 0 ? (
        <Empty
          title={q || status || category ? "No post matches" : "No posts yet"}
          message={q || status || category ? "Try other filters or another search." : "Write the first one."}
          action={<Link to={adminPaths.newPost}>New post</Link>}
        />
      ) : (
        <div className="q-ed-table-wrap">
          <table className="q-ed-table">
            <caption className="q-visually-hidden">Posts</caption>
            <thead>
              <tr>
                <th scope="col" className="q-ed-table__check">
                  <input
                    type="checkbox"
                    aria-label="Select all shown posts"
                    checked={allShownSelected}
                    onChange={(event) =>
                      setSelected(event.target.checked ? new Set(posts.map((p) => p.id)) : new Set())
                    }
                  />
                </th>
                <th scope="col">Title</th>
                <th scope="col">Status</th>
                <th scope="col">Category</th>
                <th scope="col" className="q-ed-num">
                  Views
                </th>
                <th scope="col" className="q-ed-num">
                  Likes
                </th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {posts.map((post) => (
                <tr key={post.id}>
                  <td className="q-ed-table__check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${post.title}`}
                      checked={selected.has(post.id)}
                      onChange={(event) => toggle(post.id, event.target.checked)}
                    />
                  </td>
                  <td className="q-ed-table__title">
                    <Link to={editPath(post)}>{post.title}</Link>
                  </td>
                  <td data-label="Status">
                    <StatusBadge status={post.status} label={STATUS_LABEL[post.status]} />
                  </td>
                  <td data-label="Category">{post.category?.name ?? "–"}</td>
                  <td data-label="Views" className="q-ed-num">
                    {formatNumber(post.viewCount)}
                  </td>
                  <td data-label="Likes" className="q-ed-num">
                    {formatNumber(post.likeCount)}
                  </td>
                  <td data-label="Date">
                    <FormattedDate value={post.publishedAt ?? post.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        nextPageError={query.isFetchNextPageError ? query.error : null}
        onLoadMore={() => void query.fetchNextPage()}
        noun="posts"
      />

      <ConfirmDialog
        open={confirming}
        title={`Delete ${selectedShown.length} ${selectedShown.length === 1 ? "post" : "posts"}?`}
        tone="danger"
        confirmLabel="Delete"
        busy={remove.isPending}
        onConfirm={deleteSelected}
        onCancel={() => setConfirming(false)}
      >
        <>
          <p>These posts disappear from the blog for good:</p>
          <ul>
            {selectedShown.slice(0, 10).map((post) => (
              <li key={post.id}>{post.title}</li>
            ))}
            {selectedShown.length > 10 ? <li>and {selectedShown.length - 10} more</li> : null}
          </ul>
        </>
      </ConfirmDialog>
    </section>
  );
}
