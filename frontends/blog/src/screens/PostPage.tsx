import { useDocumentTitle } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import type { MouseEvent } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { usePost } from "../api/posts";
import { PostMeta } from "../components/PostMeta";

function PostSkeleton() {
  return (
    <div className="q-blog-post" aria-hidden="true">
      <Skeleton width="70%" height="2.5rem" />
      <Skeleton width="40%" height="1rem" />
      <Skeleton height="12rem" />
    </div>
  );
}

export function PostPage() {
  const { slug = "" } = useParams();
  const navigate = useNavigate();
  const query = usePost(slug);
  const post = query.data;
  useDocumentTitle(post ? post.title : post === null ? "Post not found" : null);

  // Links inside the post body that stay on this site navigate in the app instead of reloading it.
  const onContentClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = (event.target as Element).closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };

  if (query.isPending) {
    return (
      <>
        <p className="q-visually-hidden" role="status">
          Loading the post
        </p>
        <PostSkeleton />
      </>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        headingLevel={1}
        title="This post could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (!post) {
    return (
      <EmptyState
        headingLevel={1}
        title="Post not found"
        message="This post does not exist or is no longer published."
        action={<Link to="/posts">See all posts</Link>}
      />
    );
  }

  return (
    <article className="q-blog-post">
      <header className="q-blog-post__header">
        {post.category ? <p className="q-blog-post__category">{post.category.name}</p> : null}
        <h1 className="q-blog-post__title">{post.title}</h1>
        <PostMeta
          author={post.author}
          publishedAt={post.publishedAt}
          readingMinutes={post.readingMinutes}
          showAvatar
        />
      </header>
      {/* The BFF returns HTML that was sanitised when it was saved. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks of the links inside it */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: links keep their own keyboard behaviour */}
      <div
        className="q-blog-content"
        onClick={onContentClick}
        dangerouslySetInnerHTML={{ __html: post.contentHtml }}
      />
      {post.tags.length > 0 ? (
        <footer className="q-blog-post__footer">
          <h2 className="q-visually-hidden">Tags</h2>
          <ul className="q-blog-tags">
            {post.tags.map((tag) => (
              <li key={tag.id} className="q-blog-tag">
                #{tag.name}
              </li>
            ))}
          </ul>
        </footer>
      ) : null}
    </article>
  );
}
