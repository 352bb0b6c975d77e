import { Link } from "@quire/shell-sdk";
import { Skeleton } from "@quire/ui";
import type { ReactNode } from "react";
import { useReaderFrame } from "../layout/reader-frame";

function Box<T>({
  title,
  data,
  isPending,
  empty,
  children,
}: {
  title: string;
  data: T[] | { [key: string]: unknown } | null | undefined;
  isPending: boolean;
  empty: string;
  children: ReactNode;
}) {
  const id = `q-shell-side-${title.toLowerCase().replace(/\W+/g, "-")}`;
  let body: ReactNode = children;
  if (isPending) {
    body = (
      <div aria-hidden="true" className="q-shell-side__skeleton">
        <Skeleton width="80%" />
        <Skeleton width="60%" />
        <Skeleton width="70%" />
      </div>
    );
  } else if (data == null) {
    body = <p className="q-shell-side__muted">Unavailable right now.</p>;
  } else if (Array.isArray(data) && data.length === 0) {
    body = <p className="q-shell-side__muted">{empty}</p>;
  }
  return (
    <section className="q-shell-side__box" aria-labelledby={id}>
      <h2 id={id} className="q-shell-side__title">
        {title}
      </h2>
      {body}
    </section>
  );
}

/** The blog's sidebar: popular posts and tags, the latest comments and visitor counts. */
export function Sidebar() {
  const query = useReaderFrame();
  const data = query.data?.sidebar;
  // A failed request leaves every box "unavailable": the page itself is what matters.
  const isPending = query.isPending;
  const number = (n: number) => n.toLocaleString();

  return (
    <aside className="q-shell-side" aria-label="Sidebar">
      <Box title="Popular posts" data={data?.popularPosts} isPending={isPending} empty="No posts yet.">
        <ol className="q-shell-side__list">
          {data?.popularPosts?.map((post) => (
            <li key={post.id}>
              <Link to={`/posts/${encodeURIComponent(post.slug)}`}>{post.title}</Link>
            </li>
          ))}
        </ol>
      </Box>
      <Box title="Popular tags" data={data?.popularTags} isPending={isPending} empty="No tags yet.">
        <ul className="q-shell-side__tags">
          {data?.popularTags?.map((tag) => (
            <li key={tag.id}>
              <Link to={`/tags/${encodeURIComponent(tag.slug)}`}>#{tag.name}</Link>
            </li>
          ))}
        </ul>
      </Box>
      <Box title="Recent comments" data={data?.recentComments} isPending={isPending} empty="No comments yet.">
        <ul className="q-shell-side__list">
          {data?.recentComments?.map((comment) => (
            <li key={comment.id}>
              <Link to={`/posts/${encodeURIComponent(comment.post.slug)}`}>
                {comment.content ?? "A private comment"}
              </Link>
              <span className="q-shell-side__muted">
                {comment.authorName} on {comment.post.title}
              </span>
            </li>
          ))}
        </ul>
      </Box>
      <Box title="Visitors" data={data?.visitors} isPending={isPending} empty="">
        {data?.visitors ? (
          <dl className="q-shell-side__visitors">
            <div>
              <dt>Today</dt>
              <dd>{number(data.visitors.today)}</dd>
            </div>
            <div>
              <dt>Yesterday</dt>
              <dd>{number(data.visitors.yesterday)}</dd>
            </div>
            <div>
              <dt>Total</dt>
              <dd>{number(data.visitors.total)}</dd>
            </div>
          </dl>
        ) : null}
      </Box>
    </aside>
  );
}
