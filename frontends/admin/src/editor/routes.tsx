import "./editor.css";
import { Navigate, Route } from "@quire/shell-sdk";
import { lazy } from "react";

// The lists are light; the editor (TipTap, highlight.js grammars) is its own chunk, loaded on first use.
const PostListScreen = lazy(() => import("./screens/PostListScreen"));
const DraftListScreen = lazy(() => import("./screens/DraftListScreen"));
const EditorScreen = lazy(() => import("./screens/EditorScreen"));

/**
 * The writing screens under `/admin`. "New post" and a draft use the same element type, so when an
 * autosave turns the new post's URL into its draft's, React keeps the open editor.
 */
export const editorRoutes = (
  <>
    <Route index element={<Navigate to="posts" replace />} />
    <Route path="posts" element={<PostListScreen />} />
    <Route path="posts/new" element={<EditorScreen mode="new" />} />
    <Route path="posts/:id/edit" element={<EditorScreen mode="edit" />} />
    <Route path="drafts" element={<DraftListScreen />} />
    <Route path="drafts/:id" element={<EditorScreen mode="draft" />} />
  </>
);
