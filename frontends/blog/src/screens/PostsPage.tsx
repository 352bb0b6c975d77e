import { Link, useDocumentTitle, useSearchParams } from "@quire/shell-sdk";
import { useCategories } from "../api/browse";
import type { PostSort } from "../api/posts";
import { PostList } from "../components/PostList";
import { usePageMeta } from "../lib/head";

function listHref(category: string | null, sort: PostSort): string {
  const params = new URLSearchParams();
  if (category) params.set("category", category);
  if (sort === "POPULAR") params.set("sort", "popular");
  const query = params.toString();
  return query ? `/posts?${query}` : "/posts";
}

/** Category tabs as links (each is its own URL, so it can be shared and reloaded). */
export function CategoryTabs({ current, sort }: { current: string | null; sort: PostSort }) {
  const categories = useCategories();
  return (
    <nav className="q-blog-tabs" aria-label="Categories">
      <ul>
        <li>
          <Link to={listHref(null, sort)} aria-current={current === null ? "page" : undefined}>
            All
          </Link>
        </li>
        {(categories.data ?? []).map((category) => (
          <li key={category.id}>
            <Link
              to={listHref(category.slug, sort)}
              aria-current={current === category.slug ? "page" : undefined}
            >
              {category.name}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function SortSwitch({ category, sort }: { category: string | null; sort: PostSort }) {
  return (
    <nav className="q-blog-sort" aria-label="Sort">
      <Link to={listHref(category, "LATEST")} aria-current={sort === "LATEST" ? "page" : undefined}>
        Latest
      </Link>
      <Link to={listHref(category, "POPULAR")} aria-current={sort === "POPULAR" ? "page" : undefined}>
        Popular
      </Link>
    </nav>
  );
}

/** `/posts`: every PUBLIC post, by category tab, newest or most popular first. */
export function PostsPage() {
  const [params] = useSearchParams();
  const category = params.get("category") || null;
  const sort: PostSort = params.get("sort") === "popular" ? "POPULAR" : "LATEST";
  useDocumentTitle("Posts");
  usePageMeta({ canonicalPath: "/posts", title: "Posts", description: "Every post on Quire." });
  return (
    <section className="q-blog-page" aria-labelledby="q-blog-posts-heading">
      <h1 id="q-blog-posts-heading" className="q-blog-page__title">
        All posts
      </h1>
      <CategoryTabs current={category} sort={sort} />
      <SortSwitch category={category} sort={sort} />
      <PostList
        filter={{ category: category ?? undefined, sort }}
        emptyTitle="No posts here yet"
        emptyMessage="Try another category."
      />
    </section>
  );
}
