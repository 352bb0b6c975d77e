import "./blog.css";
import type { RemoteAppProps } from "@quire/shell-sdk";
import { Route, Routes } from "@quire/shell-sdk";
import { HomePage } from "./screens/HomePage";
import { NoticePage, NoticesPage } from "./screens/NoticePages";
import { BlogNotFoundPage } from "./screens/PlaceholderPage";
import { PostPage } from "./screens/PostPage";
import { PostsPage } from "./screens/PostsPage";
import { SearchPage } from "./screens/SearchPage";
import { StaticPage } from "./screens/StaticPage";
import { CategoriesPage, CategoryPage, TagPage } from "./screens/TaxonomyPages";

export { preload } from "./preload";

/**
 * The blog remote's exposed `./App`. It renders inside the shell's router and <main>, and uses the shell's
 * QueryClient, session and theme through the shared packages: no providers of its own.
 */
export default function BlogApp({ basePath }: RemoteAppProps) {
  return (
    <div className="q-blog">
      <Routes>
        <Route path={basePath}>
          <Route index element={<HomePage />} />
          <Route path="posts" element={<PostsPage />} />
          <Route path="posts/:slug" element={<PostPage />} />
          <Route path="categories" element={<CategoriesPage />} />
          <Route path="categories/:slug" element={<CategoryPage />} />
          <Route path="tags/:slug" element={<TagPage />} />
          <Route path="search" element={<SearchPage />} />
          <Route path="notices" element={<NoticesPage />} />
          <Route path="notices/:slug" element={<NoticePage />} />
          <Route path="introduce" element={<StaticPage slug="introduce" fallbackTitle="About Quire" />} />
          <Route path="privacy" element={<StaticPage slug="privacy" fallbackTitle="Privacy policy" />} />
          <Route path="*" element={<BlogNotFoundPage />} />
        </Route>
      </Routes>
      {__QUIRE_BUILD_LABEL__ ? (
        <p className="q-blog-build">
          Blog build <span data-testid="blog-build">{__QUIRE_BUILD_LABEL__}</span>
        </p>
      ) : null}
    </div>
  );
}
