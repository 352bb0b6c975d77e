import type { AuthorSummary } from "../api/posts";

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "long" });

export function formatDate(iso: string | null): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : dateFormat.format(date);
}

function AuthorAvatar({ author }: { author: AuthorSummary | null }) {
  // Decorative: the name is printed beside it.
  if (author?.avatarUrl) {
    return (
      <img className="q-blog-avatar" src={author.avatarUrl} alt="" width={32} height={32} loading="lazy" />
    );
  }
  const initial = author?.name.trim().charAt(0).toUpperCase() || "?";
  return (
    <span className="q-blog-avatar q-blog-avatar--initial" aria-hidden="true">
      {initial}
    </span>
  );
}

export interface PostMetaProps {
  author: AuthorSummary | null;
  publishedAt: string | null;
  readingMinutes?: number;
  showAvatar?: boolean;
}

/** Author, date and reading time; a missing author (partial result) reads "Unknown author". */
export function PostMeta({ author, publishedAt, readingMinutes, showAvatar = false }: PostMetaProps) {
  const date = formatDate(publishedAt);
  return (
    <p className="q-blog-meta">
      {showAvatar ? <AuthorAvatar author={author} /> : null}
      <span className="q-blog-meta__author" data-testid="post-author">
        {author?.name ?? "Unknown author"}
      </span>
      {date && publishedAt ? (
        <>
          <span aria-hidden="true">·</span>
          <time dateTime={publishedAt}>{date}</time>
        </>
      ) : null}
      {readingMinutes ? (
        <>
          <span aria-hidden="true">·</span>
          <span>{readingMinutes} min read</span>
        </>
      ) : null}
    </p>
  );
}
