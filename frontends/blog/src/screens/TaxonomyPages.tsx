import { Link, useDocumentTitle, useParams } from "@quire/shell-sdk";
import { Button, EmptyState, ErrorState, Skeleton } from "@quire/ui";
import { useCategories, useCategory, useTag } from "../api/browse";
import { useTopPost } from "../api/posts";
import { countLabel, PostCard } from "../components/PostCard";
import { PostList } from "../components/PostList";
import { usePageMeta } from "../lib/head";

/** `/categories`: every category with its number of posts. */
export function CategoriesPage() {
  useDocumentTitle("Categories");
  usePageMeta({ canonicalPath: "/categories", title: "Categories", description: "Posts by category." });
  const query = useCategories();
  return (
    <section className="q-blog-page" aria-labelledby="q-blog-categories-heading">
      <h1 id="q-blog-categories-heading" className="q-blog-page__title">
        Categories
      </h1>
      {query.isPending ? (
        <>
          <p className="q-visually-hidden" role="status">
            Loading categories
          </p>
          <div aria-hidden="true" className="q-blog-grid">
            {[0, 1, 2, 3].map((n) => (
              <Skeleton key={n} height="4.5rem" />
            ))}
          </div>
        </>
      ) : query.isError ? (
        <ErrorState
          title="The categories could not be loaded"
          message={query.error.message}
          action={<Button onClick={() => void query.refetch()}>Try again</Button>}
        />
      ) : query.data.length === 0 ? (
        <EmptyState title="No categories yet" message="Categories appear with the first posts." />
      ) : (
        <ul className="q-blog-grid">
          {query.data.map((category) => (
            <li key={category.id} className="q-blog-tile">
              <Link to={`/categories/${encodeURIComponent(category.slug)}`}>{category.name}</Link>
              {category.postCount != null ? (
                <span className="q-blog-count">{countLabel(category.postCount, "post")}</span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function TopPost({ category }: { category: string }) {
  const top = useTopPost(category);
  if (!top.data) return null;
  return (
    <section className="q-blog-top-post" aria-labelledby="q-blog-top-post-heading">
      <h2 id="q-blog-top-post-heading" className="q-blog-side__title">
        Top post
      </h2>
      <PostCard post={top.data} headingLevel={3} />
    </section>
  );
}

function TaxonomyHeader({
  kind,
  name,
  postCount,
}: {
  kind: "Category" | "Tag";
  name: string;
  postCount: number | null | undefined;
}) {
  return (
    <header className="q-blog-page__header">
      <p className="q-blog-page__eyebrow">{kind}</p>
      <h1 className="q-blog-page__title">{kind === "Tag" ? `#${name}` : name}</h1>
      {postCount != null ? <p className="q-blog-muted">{countLabel(postCount, "post")}</p> : null}
    </header>
  );
}

function NotFound({ kind }: { kind: "category" | "tag" }) {
  return (
    <EmptyState
      headingLevel={1}
      title={kind === "category" ? "Category not found" : "Tag not found"}
      message={`There is no ${kind} at this address.`}
      action={
        <Link to={kind === "category" ? "/categories" : "/posts"}>
          See all {kind === "category" ? "categories" : "posts"}
        </Link>
      }
    />
  );
}

function HeaderSkeleton() {
  return (
    <div aria-hidden="true" className="q-blog-page__header">
      <Skeleton width="20%" height="0.875rem" />
      <Skeleton width="50%" height="2rem" />
    </div>
  );
}

/** `/categories/:slug`: the category's top post and its posts, paged. */
export function CategoryPage() {
  const { slug = "" } = useParams();
  const query = useCategory(slug);
  const category = query.data;
  useDocumentTitle(category ? category.name : category === null ? "Category not found" : null);
  usePageMeta({
    canonicalPath: category ? `/categories/${encodeURIComponent(category.slug)}` : null,
    title: category?.name,
    description: category ? `Posts in ${category.name}.` : null,
  });
  if (query.isError) {
    return (
      <ErrorState
        headingLevel={1}
        title="This category could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (category === null) return <NotFound kind="category" />;
  return (
    <section className="q-blog-page" aria-busy={query.isPending}>
      {category ? (
        <TaxonomyHeader kind="Category" name={category.name} postCount={category.postCount} />
      ) : (
        <HeaderSkeleton />
      )}
      <TopPost category={slug} />
      <h2 className="q-blog-side__title">All posts in this category</h2>
      <PostList
        filter={{ category: slug }}
        emptyTitle="No posts in this category yet"
        emptyMessage="Come back soon."
      />
    </section>
  );
}

/** `/tags/:slug`: the tag's posts, paged. */
export function TagPage() {
  const { slug = "" } = useParams();
  const query = useTag(slug);
  const tag = query.data;
  useDocumentTitle(tag ? `#${tag.name}` : tag === null ? "Tag not found" : null);
  usePageMeta({
    canonicalPath: tag ? `/tags/${encodeURIComponent(tag.slug)}` : null,
    title: tag ? `#${tag.name}` : null,
    description: tag ? `Posts tagged ${tag.name}.` : null,
  });
  if (query.isError) {
    return (
      <ErrorState
        headingLevel={1}
        title="This tag could not be loaded"
        message={query.error.message}
        action={<Button onClick={() => void query.refetch()}>Try again</Button>}
      />
    );
  }
  if (tag === null) return <NotFound kind="tag" />;
  return (
    <section className="q-blog-page" aria-busy={query.isPending}>
      {tag ? <TaxonomyHeader kind="Tag" name={tag.name} postCount={tag.postCount} /> : <HeaderSkeleton />}
      <PostList
        filter={{ tag: slug }}
        emptyTitle="No posts with this tag yet"
        emptyMessage="Come back soon."
      />
    </section>
  );
}
