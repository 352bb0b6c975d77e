import { Link } from "@quire/shell-sdk";
import type { PostSummary } from "../api/posts";
import { PostMeta } from "./PostMeta";

export const postPath = (slug: string) => `/posts/${encodeURIComponent(slug)}`;

/** One post in a list: an `article` whose heading links to the post. */
export function PostCard({ post, headingLevel = 2 }: { post: PostSummary; headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  return (
    <article className="q-blog-card">
      {post.category ? (
        <p className="q-blog-card__category">
          <Link to={`/categories/${encodeURIComponent(post.category.slug)}`}>{post.category.name}</Link>
        </p>
      ) : null}
      <Heading className="q-blog-card__title">
        <Link to={postPath(post.slug)}>{post.title}</Link>
      </Heading>
      <PostMeta author={post.author} publishedAt={post.publishedAt} readingMinutes={post.readingMinutes} />
      <p className="q-blog-card__excerpt">{post.excerpt}</p>
      <p className="q-blog-card__stats">
        <span>{countLabel(post.viewCount, "view")}</span>
        <span aria-hidden="true">·</span>
        <span>{countLabel(post.likeCount, "like")}</span>
        <span aria-hidden="true">·</span>
        <span>{countLabel(post.commentCount, "comment")}</span>
      </p>
    </article>
  );
}

export function countLabel(count: number, noun: string): string {
  return `${count.toLocaleString()} ${noun}${count === 1 ? "" : "s"}`;
}
