import "../post-blocks.css";
import { Link, useDocumentTitle, useNavigate, useParams, useToast } from "@quire/shell-sdk";
import { Button, CODE_HIGHLIGHT_CLASS, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import { type MouseEvent, useEffect, useMemo, useRef } from "react";
import { useRecordView } from "../api/conversation";
import { type Post, usePost } from "../api/posts";
import { Comments } from "../components/Comments";
import { PostActions } from "../components/PostActions";
import { countLabel, postPath } from "../components/PostCard";
import { PostMeta } from "../components/PostMeta";
import { scrollToAnchor, TableOfContents } from "../components/TableOfContents";
import { prepareContent } from "../lib/content";
import { usePageMeta } from "../lib/head";

function PostSkeleton() {
  return (
    <div className="q-blog-post" aria-hidden="true">
      <Skeleton width="70%" height="2.5rem" />
      <Skeleton width="40%" height="1rem" />
      <Skeleton height="12rem" />
    </div>
  );
}

/** Structured data for search engines; `<` is escaped so a title cannot close the script. */
function JsonLd({ post }: { post: Post }) {
  const origin = window.location.origin;
  const url = `${origin}${postPath(post.slug)}`;
  const data = [
    {
      "@context": "https://schema.org",
      "@type": "BlogPosting",
      headline: post.title,
      description: post.excerpt,
      url,
      mainEntityOfPage: url,
      ...(post.publishedAt ? { datePublished: post.publishedAt } : {}),
      ...(post.coverUrl ? { image: new URL(post.coverUrl, origin).href } : {}),
      ...(post.author ? { author: { "@type": "Person", name: post.author.name } } : {}),
      ...(post.tags.length > 0 ? { keywords: post.tags.map((tag) => tag.name).join(", ") } : {}),
    },
    {
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: [
        { "@type": "ListItem", position: 1, name: "Home", item: `${origin}/` },
        ...(post.category
          ? [
              {
                "@type": "ListItem",
                position: 2,
                name: post.category.name,
                item: `${origin}/categories/${encodeURIComponent(post.category.slug)}`,
              },
            ]
          : []),
        { "@type": "ListItem", position: post.category ? 3 : 2, name: post.title, item: url },
      ],
    },
  ];
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  // JSON-LD, with "<" escaped above
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}

function PostBody({ post }: { post: Post }) {
  const navigate = useNavigate();
  const toast = useToast();
  const contentRef = useRef<HTMLDivElement>(null);
  const prepared = useMemo(() => prepareContent(post.contentHtml), [post.contentHtml]);

  // Highlighting is loaded only for posts that have code.
  useEffect(() => {
    const root = contentRef.current;
    if (!root || !prepared.html.includes("<pre")) return;
    let cancelled = false;
    import("../lib/highlight")
      .then(({ highlightWithin }) => {
        if (!cancelled) highlightWithin(root);
      })
      .catch(() => {
        // Plain code is still readable: highlighting is a nicety.
      });
    return () => {
      cancelled = true;
    };
  }, [prepared.html]);

  // A link to a heading (#id) of this post scrolls there once the content is in the page.
  useEffect(() => {
    const hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash && prepared.toc.some((entry) => entry.id === hash)) scrollToAnchor(hash);
  }, [prepared.toc]);

  const onContentClick = async (event: MouseEvent<HTMLDivElement>) => {
    const target = event.target as Element;
    const copy = target.closest<HTMLButtonElement>("button[data-q-copy]");
    if (copy) {
      const code = copy.parentElement?.querySelector("pre")?.textContent ?? "";
      try {
        await navigator.clipboard.writeText(code);
        copy.textContent = "Copied";
        toast.show("Code copied to the clipboard", { tone: "success" });
        setTimeout(() => {
          copy.textContent = "Copy";
        }, 2000);
      } catch {
        toast.show("The code could not be copied: select it and copy it by hand", { tone: "error" });
      }
      return;
    }
    // Links inside the post body that stay on this site navigate in the app instead of reloading it.
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const anchor = target.closest("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    if (url.pathname === window.location.pathname && url.hash) {
      scrollToAnchor(decodeURIComponent(url.hash.slice(1)));
      return;
    }
    navigate(url.pathname + url.search + url.hash);
  };

  return (
    <div className="q-blog-post__layout">
      <TableOfContents entries={prepared.toc} />
      {/* The BFF returns HTML that was sanitised when it was saved; prepareContent only adds ids and buttons. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks of the links and buttons inside it */}
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: links and buttons keep their own keyboard behaviour */}
      <div
        ref={contentRef}
        className={`q-blog-content ${CODE_HIGHLIGHT_CLASS}`}
        onClick={(event) => void onContentClick(event)}
        // Sanitised server-side on save
        dangerouslySetInnerHTML={{ __html: prepared.html }}
      />
    </div>
  );
}

export function PostPage() {
  const { slug = "" } = useParams();
  const query = usePost(slug);
  const post = query.data;
  const recordView = useRecordView(slug);
  const recorded = useRef<string | null>(null);
  useDocumentTitle(post ? post.title : post === null ? "Post not found" : null);
  usePageMeta({
    title: post?.title,
    description: post?.excerpt,
    canonicalPath: post ? postPath(post.slug) : null,
    type: "article",
    image: post?.coverUrl,
  });

  // One view per mount of a post (the server counts one per visitor per day); the ref keeps React's
  // development double-effects and refetches from sending it twice.
  const postId = post?.id;
  const { mutate: record } = recordView;
  useEffect(() => {
    if (!postId || recorded.current === postId) return;
    recorded.current = postId;
    record(postId);
  }, [postId, record]);

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
    <div className="q-blog-post-page">
      <JsonLd post={post} />
      <nav className="q-blog-breadcrumbs" aria-label="Breadcrumb">
        <ol>
          <li>
            <Link to="/">Home</Link>
          </li>
          {post.category ? (
            <li>
              <Link to={`/categories/${encodeURIComponent(post.category.slug)}`}>{post.category.name}</Link>
            </li>
          ) : null}
          <li aria-current="page">{post.title}</li>
        </ol>
      </nav>
      <article className="q-blog-post">
        <header className="q-blog-post__header">
          {post.category ? (
            <p className="q-blog-post__category">
              <Link to={`/categories/${encodeURIComponent(post.category.slug)}`}>{post.category.name}</Link>
            </p>
          ) : null}
          <h1 className="q-blog-post__title">{post.title}</h1>
          <PostMeta
            author={post.author}
            publishedAt={post.publishedAt}
            readingMinutes={post.readingMinutes}
            showAvatar
          />
          <p className="q-blog-post__stats">
            <span data-testid="view-count">{countLabel(post.viewCount, "view")}</span>
          </p>
        </header>
        {post.coverUrl ? <img className="q-blog-post__cover" src={post.coverUrl} alt="" /> : null}
        <PostBody post={post} />
        <footer className="q-blog-post__footer">
          {post.tags.length > 0 ? (
            <>
              <h2 id="q-blog-tags-heading" className="q-visually-hidden">
                Tags
              </h2>
              <ul className="q-blog-tags" aria-labelledby="q-blog-tags-heading">
                {post.tags.map((tag) => (
                  <li key={tag.id}>
                    <Link className="q-blog-tag" to={`/tags/${encodeURIComponent(tag.slug)}`}>
                      #{tag.name}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <PostActions post={post} />
        </footer>
      </article>

      {post.previous || post.next ? (
        <nav className="q-blog-pager" aria-label="More posts">
          {post.previous ? (
            <Link className="q-blog-pager__link" to={postPath(post.previous.slug)} rel="prev">
              <span className="q-blog-pager__label">Previous post</span>
              <span>{post.previous.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {post.next ? (
            <Link
              className="q-blog-pager__link q-blog-pager__link--next"
              to={postPath(post.next.slug)}
              rel="next"
            >
              <span className="q-blog-pager__label">Next post</span>
              <span>{post.next.title}</span>
            </Link>
          ) : null}
        </nav>
      ) : null}

      {post.related && post.related.length > 0 ? (
        <section className="q-blog-related" aria-labelledby="q-blog-related-heading">
          <h2 id="q-blog-related-heading">Related posts</h2>
          <ul className="q-blog-related__list">
            {post.related.map((related) => (
              <li key={related.id} className="q-blog-related__item">
                <Link to={postPath(related.slug)}>{related.title}</Link>
                <span className="q-blog-related__meta">
                  {related.category ? `${related.category.name} · ` : ""}
                  {related.readingMinutes} min read
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <Comments slug={post.slug} postId={post.id} />
    </div>
  );
}
