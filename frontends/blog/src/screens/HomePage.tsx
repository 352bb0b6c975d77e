import { Link, useDocumentTitle } from "@quire/shell-sdk";
import { ListSkeleton, Skeleton } from "@quire/ui";
import { useHomePage } from "../api/browse";
import { countLabel, postPath } from "../components/PostCard";
import { PostList } from "../components/PostList";
import { PostMeta } from "../components/PostMeta";
import { usePageMeta } from "../lib/head";

function Featured() {
  const home = useHomePage();
  const post = home.data?.featured;
  if (home.isPending) {
    return (
      <div className="q-blog-featured" aria-hidden="true">
        <Skeleton width="30%" height="0.875rem" />
        <Skeleton width="70%" height="2rem" />
        <Skeleton height="3rem" />
      </div>
    );
  }
  // A failed or empty answer leaves the latest posts to speak for the site.
  if (!post) return null;
  return (
    // Not an `article`: the page's articles are the latest posts below.
    <section className="q-blog-featured" aria-labelledby="q-blog-featured-heading">
      <h2 id="q-blog-featured-heading" className="q-blog-featured__label">
        Featured post
      </h2>
      {post.coverUrl ? <img className="q-blog-featured__cover" src={post.coverUrl} alt="" /> : null}
      <p className="q-blog-featured__title">
        <Link to={postPath(post.slug)}>{post.title}</Link>
      </p>
      <PostMeta author={post.author} publishedAt={post.publishedAt} readingMinutes={post.readingMinutes} />
      <p className="q-blog-card__excerpt">{post.excerpt}</p>
      <p className="q-blog-card__stats">
        {countLabel(post.viewCount, "view")} · {countLabel(post.likeCount, "like")}
      </p>
    </section>
  );
}

function TopCategories() {
  const home = useHomePage();
  const categories = home.data?.topCategories;
  return (
    <section className="q-blog-side" aria-labelledby="q-blog-top-categories">
      <h2 id="q-blog-top-categories" className="q-blog-side__title">
        Top categories
      </h2>
      {home.isPending ? (
        <div aria-hidden="true">
          <Skeleton height="6rem" />
        </div>
      ) : !categories ? (
        <p className="q-blog-muted">Categories are unavailable right now.</p>
      ) : categories.length === 0 ? (
        <p className="q-blog-muted">No categories yet.</p>
      ) : (
        <ul className="q-blog-side__list">
          {categories.map((category) => (
            <li key={category.id}>
              <Link to={`/categories/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
              {category.postCount != null ? (
                <span className="q-blog-count">{countLabel(category.postCount, "post")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/categories">All categories</Link>
      </p>
    </section>
  );
}

/** Home: the featured post, the latest posts (10 a page) and the top categories. */
export function HomePage() {
  const home = useHomePage();
  useDocumentTitle(null);
  usePageMeta({ canonicalPath: "/", title: "Quire" });
  return (
    <div className="q-blog-home">
      <div className="q-blog-home__featured">
        <Featured />
      </div>
      <div className="q-blog-home__aside">
        <TopCategories />
      </div>
      <section className="q-blog-home__latest" aria-labelledby="q-blog-latest-heading">
        <h1 id="q-blog-latest-heading" className="q-blog-page__title">
          Latest posts
        </h1>
        {/* The home page's query brings the list's first page: the list mounts once it is in its cache. */}
        {home.isPending ? <ListSkeleton label="Loading posts" /> : <PostList />}
      </section>
    </div>
  );
}
