import "./user.css";
import type { RemoteAppProps } from "@quire/shell-sdk";
import { Route, Routes } from "@quire/shell-sdk";
import { RequireSignIn } from "./components/RequireSignIn";
import { BookmarksPage } from "./screens/BookmarksPage";
import { BugReportListPage } from "./screens/BugReportListPage";
import { BugReportPage } from "./screens/BugReportPage";
import { CommentsPage } from "./screens/CommentsPage";
import { LoginPage } from "./screens/LoginPage";
import { UserNotFoundPage } from "./screens/NotFoundPage";
import { RegisterPage } from "./screens/RegisterPage";
import { SettingsPage } from "./screens/SettingsPage";

/**
 * The user remote's exposed `./App`: sign-in, registration, the reader's own pages and bug reports. It renders
 * inside the shell's router and <main>, with the shell's QueryClient, session and toasts.
 */
export default function UserApp({ basePath }: RemoteAppProps) {
  return (
    <Routes>
      <Route path={basePath}>
        <Route path="login" element={<LoginPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="my">
          <Route
            index
            element={
              <RequireSignIn>
                <BookmarksPage />
              </RequireSignIn>
            }
          />
          <Route
            path="bookmarks"
            element={
              <RequireSignIn>
                <BookmarksPage />
              </RequireSignIn>
            }
          />
          <Route
            path="comments"
            element={
              <RequireSignIn>
                <CommentsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="settings"
            element={
              <RequireSignIn>
                <SettingsPage />
              </RequireSignIn>
            }
          />
        </Route>
        <Route path="bug-report" element={<BugReportPage />} />
        <Route path="bug-reports" element={<BugReportListPage />} />
        <Route path="*" element={<UserNotFoundPage />} />
      </Route>
    </Routes>
  );
}
