import "./blog.css";
import type { RemoteAppProps } from "@quire/shell-sdk";
import { Route, Routes } from "react-router-dom";
import { BlogNotFoundPage, ComingSoonPage } from "./screens/PlaceholderPage";
import { PostListPage } from "./screens/PostListPage";
import { PostPage } from "./screens/PostPage";

/**
 * The blog remote's exposed `./App`. It renders inside the shell's router and <main>, and uses the shell's
 * QueryClient, session and theme through the shared packages: no providers of its own.
 */
export default function BlogApp({ basePath }: RemoteAppProps) {
  return (
    <Routes>
      <Route path={basePath}>
        <Route index element={<PostListPage heading="home" />} />
        <Route path="posts" element={<PostListPage heading="posts" />} />
        <Route path="posts/:slug" element={<PostPage />} />
        <Route path="categories/*" element={<ComingSoonPage title="Categories" />} />
        <Route path="tags/*" element={<ComingSoonPage title="Tags" />} />
        <Route path="search" element={<ComingSoonPage title="Search" />} />
        <Route path="notices/*" element={<ComingSoonPage title="Notices" />} />
        <Route path="introduce" element={<ComingSoonPage title="About Quire" />} />
        <Route path="privacy" element={<ComingSoonPage title="Privacy policy" />} />
        <Route path="*" element={<BlogNotFoundPage />} />
      </Route>
    </Routes>
  );
}
