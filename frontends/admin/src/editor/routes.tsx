import { Route } from "react-router-dom";

/** The writing screens: posts, drafts and the editor. */
export const editorRoutes = <Route index element={<p>Admin</p>} />;
