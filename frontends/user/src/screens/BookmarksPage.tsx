import { Link, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, ListStates } from "@quire/ui";
import { useState } from "react";
import { useMyBookmarks, useRemoveBookmarks } from "../api/account";
import { FormattedDate } from "../components/FormattedDate";
import { MyNav } from "../components/MyNav";

export function BookmarksPage() {
  useDocumentTitle("My bookmarks");
  const toast = useToast();
  const list = useMyBookmarks();
  const remove = useRemoveBookmarks();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const bookmarks = list.items;
  // Ids no longer listed (removed elsewhere) must not stay selected.
  const selectedIds = bookmarks.map((b) => b.post.id).filter((id) => selected.has(id));

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const removeIds = (ids: string[]) =>
    remove.mutate(ids, {
      onSuccess: (count) => {
        setSelected((current) => new Set([...current].filter((id) => !ids.includes(id))));
        toast.show(count === 1 ? "Bookmark removed" : `${count} bookmarks removed`, { tone: "success" });
      },
      onError: (error) => toast.show(`Could not remove: ${error.message}`, { tone: "error" }),
    });

  const allSelected = bookmarks.length > 0 && selectedIds.length === bookmarks.length;

  return (
    <section className="q-user q-user-page" aria-labelledby="q-user-bookmarks-heading">
      <h1 id="q-user-bookmarks-heading" className="q-user-title">
        My bookmarks
      </h1>
      <MyNav />
      <ListStates
        list={list}
        noun="bookmarks"
        errorTitle="Your bookmarks could not be loaded"
        emptyTitle="No bookmarks yet"
        emptyMessage="Bookmark a post from its page to find it here later."
        emptyAction={<Link to="/posts">Browse posts</Link>}
      >
        {(bookmarks) => (
          <>
            <div className="q-user-toolbar">
              <label className="q-user-check">
                <input
                  type="checkbox"
                  checked={allSelected}
                  onChange={(e) =>
                    setSelected(e.target.checked ? new Set(bookmarks.map((b) => b.post.id)) : new Set())
                  }
                />
                Select all
              </label>
              <Button
                variant="secondary"
                size="small"
                disabled={selectedIds.length === 0 || remove.isPending}
                onClick={() => removeIds(selectedIds)}
              >
                Remove selected{selectedIds.length > 0 ? ` (${selectedIds.length})` : ""}
              </Button>
            </div>
            <ul className="q-user-list">
              {bookmarks.map((bookmark) => (
                <li key={bookmark.post.id} className="q-user-list__item q-user-list__item--row">
                  <input
                    type="checkbox"
                    aria-label={`Select ${bookmark.post.title}`}
                    checked={selected.has(bookmark.post.id)}
                    onChange={(e) => toggle(bookmark.post.id, e.target.checked)}
                  />
                  <div className="q-user-list__body">
                    <Link
                      className="q-user-list__title"
                      to={`/posts/${encodeURIComponent(bookmark.post.slug)}`}
                    >
                      {bookmark.post.title}
                    </Link>
                    <span className="q-user-muted">
                      Bookmarked <FormattedDate value={bookmark.bookmarkedAt} />
                    </span>
                  </div>
                  <Button
                    variant="ghost"
                    size="small"
                    aria-label={`Remove bookmark: ${bookmark.post.title}`}
                    disabled={remove.isPending}
                    onClick={() => removeIds([bookmark.post.id])}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
          </>
        )}
      </ListStates>
    </section>
  );
}
