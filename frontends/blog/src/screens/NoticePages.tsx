import { Link, useDocumentTitle, useParams } from "@quire/shell-sdk";
import { Button, CODE_HIGHLIGHT_CLASS, EmptyState, ErrorState, ListStates, Skeleton } from "@quire/ui";
import type { CSSProperties } from "react";
import { type NoticeSummary, useNotice, useNotices } from "../api/browse";
import { formatDate } from "../components/PostMeta";
import { usePageMeta } from "../lib/head";

const noticePath = (slug: string) => `/notices/${encodeURIComponent(slug)}`;

/** The admin picks the badge colour; only a plain colour value is let through to the style. */
function badgeStyle(color: string): CSSProperties | undefined {
  return /^#[0-9a-f]{3,8}$|^[a-z]+$/i.test(color) ? { borderColor: color, color } : undefined;
}

function NoticeBadge({ notice }: { notice: Pick<NoticeSummary, "badge" | "color" | "pinned"> }) {
  return (
    <>
      {notice.pinned ? <span className="q-blog-badge">Pinned</span> : null}
      {notice.badge ? (
        <span className="q-blog-badge" style={badgeStyle(notice.color)}>
          {notice.badge}
        </span>
      ) : null}
    </>
  );
}

/** `/notices`: pinned first, then newest, paged. */
export function NoticesPage() {
  useDocumentTitle("Notices");
  usePageMeta({ canonicalPath: "/notices", title: "Notices", description: "News about this blog." });
  const list = useNotices();
  return (
    <section className="q-blog-page" aria-labelledby="q-blog-notices-heading">
      <h1 id="q-blog-notices-heading" className="q-blog-page__title">
        Notices
      </h1>
      <ListStates
        list={list}
        noun="notices"
        emptyTitle="No notices yet"
        emptyMessage="News about this blog will appear here."
      >
        {(notices) => (
          <ul className="q-blog-notices">
            {notices.map((notice) => {
              const date = formatDate(notice.publishedAt);
              return (
                <li key={notice.id} className="q-blog-notices__item">
                  <NoticeBadge notice={notice} />
                  <Link to={noticePath(notice.slug)}>{notice.title}</Link>
                  {date && notice.publishedAt ? <time dateTime={notice.publishedAt}>{date}</time> : null}
                </li>
              );
            })}
          </ul>
        )}
      </ListStates>
    </section>
  );
}

/** `/notices/:slug`: one notice with links to the previous and next. */
export function NoticePage() {
  const { slug = "" } = useParams();
  const query = useNotice(slug);
  const notice = query.data;
  useDocumentTitle(notice ? notice.title : notice === null ? "Notice not found" : null);
  usePageMeta({ canonicalPath: notice ? noticePath(notice.slug) : null, title: notice?.title });

  if (query.isPending) {
    return (
      <div className="q-blog-post" aria-hidden="true">
        <Skeleton width="60%" height="2rem" />
        <Skeleton height="8rem" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        headingLevel={1}
        title="This notice could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (!notice) {
    return (
      <EmptyState
        headingLevel={1}
        title="Notice not found"
        message="This notice does not exist or was taken down."
        action={<Link to="/notices">See all notices</Link>}
      />
    );
  }
  const date = formatDate(notice.publishedAt);
  return (
    <div className="q-blog-post-page">
      <article className="q-blog-post">
        <header className="q-blog-post__header">
          <p className="q-blog-post__category">
            <Link to="/notices">Notices</Link> <NoticeBadge notice={notice} />
          </p>
          <h1 className="q-blog-post__title">{notice.title}</h1>
          {date && notice.publishedAt ? (
            <p className="q-blog-meta">
              <time dateTime={notice.publishedAt}>{date}</time>
            </p>
          ) : null}
        </header>
        {/* Sanitised server-side on save */}
        <div
          className={`q-blog-content ${CODE_HIGHLIGHT_CLASS}`}
          dangerouslySetInnerHTML={{ __html: notice.contentHtml }}
        />
      </article>
      {notice.previous || notice.next ? (
        <nav className="q-blog-pager" aria-label="More notices">
          {notice.previous ? (
            <Link className="q-blog-pager__link" to={noticePath(notice.previous.slug)} rel="prev">
              <span className="q-blog-pager__label">Previous notice</span>
              <span>{notice.previous.title}</span>
            </Link>
          ) : (
            <span />
          )}
          {notice.next ? (
            <Link
              className="q-blog-pager__link q-blog-pager__link--next"
              to={noticePath(notice.next.slug)}
              rel="next"
            >
              <span className="q-blog-pager__label">Next notice</span>
              <span>{notice.next.title}</span>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
