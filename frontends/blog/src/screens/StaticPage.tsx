import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import { useStaticPage } from "../api/browse";
import { formatDate } from "../components/PostMeta";
import { usePageMeta } from "../lib/head";

/** `/introduce` and `/privacy`: sections of plain text kept by the admin as JSON. */
export function StaticPage({
  slug,
  fallbackTitle,
}: {
  slug: "introduce" | "privacy";
  fallbackTitle: string;
}) {
  const query = useStaticPage(slug);
  const page = query.data;
  useDocumentTitle(page?.title ?? fallbackTitle);
  usePageMeta({
    canonicalPath: `/${slug}`,
    title: page?.title ?? fallbackTitle,
    description: page?.sections[0]?.body.slice(0, 160),
  });

  if (query.isPending) {
    return (
      <div className="q-blog-post" aria-hidden="true">
        <Skeleton width="50%" height="2rem" />
        <Skeleton height="10rem" />
      </div>
    );
  }
  if (query.isError) {
    return (
      <ErrorState
        headingLevel={1}
        title="This page could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (!page) {
    return (
      <EmptyState
        headingLevel={1}
        title={fallbackTitle}
        message="This page has not been written yet."
        action={<Link to="/">Back to the latest posts</Link>}
      />
    );
  }
  const updated = formatDate(page.updatedAt);
  return (
    <article className="q-blog-post q-blog-static">
      <header className="q-blog-post__header">
        <h1 className="q-blog-post__title">{page.title}</h1>
        {updated && page.updatedAt ? (
          <p className="q-blog-meta">
            Last updated <time dateTime={page.updatedAt}>{updated}</time>
          </p>
        ) : null}
      </header>
      {page.sections.map((section, index) => (
        // Index keys: sections have no id and never reorder on screen
        <section key={index} className="q-blog-static__section">
          <h2>{section.heading}</h2>
          {section.body
            .split(/\n{2,}/)
            .filter((paragraph) => paragraph.trim())
            .map((paragraph, n) => (
              // Index keys: paragraphs of a static text
              <p key={n} className="q-blog-static__text">
                {paragraph}
              </p>
            ))}
        </section>
      ))}
    </article>
  );
}
