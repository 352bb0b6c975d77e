import { Link, useSession, useToast } from "@quire/shell-sdk";
import { Button } from "@quire/ui";
import { mutationMessage, useToggleBookmark, useToggleLike } from "../api/conversation";
import type { Post } from "../api/posts";

/** Like (anyone), bookmark (signed-in readers) and share. */
export function PostActions({ post }: { post: Post }) {
  const { user } = useSession();
  const toast = useToast();
  const like = useToggleLike(post.slug, post.id);
  const bookmark = useToggleBookmark(post.slug, post.id);

  const share = async () => {
    const url = new URL(`/posts/${encodeURIComponent(post.slug)}`, window.location.origin).href;
    if (typeof navigator.share === "function") {
      try {
        await navigator.share({ title: post.title, text: post.excerpt, url });
        return;
      } catch (error) {
        // The reader closed the share sheet: nothing to report.
        if (error instanceof DOMException && error.name === "AbortError") return;
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      toast.show("Link copied to the clipboard", { tone: "success" });
    } catch {
      toast.show(`Copy this link: ${url}`, { tone: "info", durationMs: 10_000 });
    }
  };

  return (
    <div className="q-blog-actions">
      <Button
        variant="secondary"
        aria-pressed={Boolean(post.viewerHasLiked)}
        disabled={like.isPending}
        onClick={() =>
          like.mutate(undefined, {
            onError: (error) => toast.show(mutationMessage(error), { tone: "error" }),
          })
        }
      >
        <span aria-hidden="true">{post.viewerHasLiked ? "♥" : "♡"}</span> Like{" "}
        <span className="q-blog-actions__count" data-testid="like-count">
          {post.likeCount.toLocaleString()}
        </span>
      </Button>
      {user ? (
        <Button
          variant="secondary"
          aria-pressed={Boolean(post.viewerHasBookmarked)}
          disabled={bookmark.isPending}
          onClick={() =>
            bookmark.mutate(undefined, {
              onSuccess: ({ toggleBookmark }) =>
                toast.show(toggleBookmark.bookmarked ? "Bookmarked" : "Bookmark removed", {
                  tone: "success",
                }),
              onError: (error) => toast.show(mutationMessage(error), { tone: "error" }),
            })
          }
        >
          Bookmark
        </Button>
      ) : (
        <p className="q-blog-actions__hint">
          <Link to="/login">Sign in</Link> to bookmark this post.
        </p>
      )}
      <Button variant="secondary" onClick={() => void share()}>
        Share
      </Button>
    </div>
  );
}
