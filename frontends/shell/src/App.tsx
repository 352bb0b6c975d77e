import {
  createBrowserRouter,
  RouterProvider,
  SessionProvider,
  ThemeProvider,
  ToastProvider,
  useLocation,
} from "@quire/shell-sdk";
import { Spinner } from "@quire/ui";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState } from "react";
import { Layout } from "./layout/Layout";
import { NotFoundPage } from "./pages/NotFoundPage";
import { RemoteRoute } from "./remotes/RemoteRoute";
import { findMount } from "./routes";
import { useSessionState } from "./session/use-session-state";
import { useThemeState } from "./theme/use-theme-state";
import { ToastRegion } from "./toasts/ToastRegion";
import { useToasts } from "./toasts/use-toasts";
import { useVisitTracking } from "./visits/use-visit-tracking";

function Routed({ restoring }: { restoring: boolean }) {
  const { pathname } = useLocation();
  // A tab restoring its session from the refresh cookie waits a moment, so no screen sends the reader to
  // sign in while they are signed in.
  if (restoring) return <Spinner label="Loading this page" />;
  const mount = findMount(pathname);
  if (!mount) return <NotFoundPage />;
  // Keyed by remote: moving within one remote keeps it mounted, moving to another swaps it.
  return <RemoteRoute key={mount.remote} name={mount.remote} basePath={mount.basePath} />;
}

const RestoringSession = createContext(false);

function Frame() {
  return (
    <Layout>
      <Routed restoring={useContext(RestoringSession)} />
    </Layout>
  );
}

/**
 * Everything remotes share with the shell: one QueryClient (TanStack Query is a federation singleton, so
 * remotes' hooks find this provider), the session, the theme and toasts.
 */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const session = useSessionState(queryClient);
  const theme = useThemeState();
  const { toasts, api: toastApi, dismiss } = useToasts();
  useVisitTracking();
  // A data router, so remotes can block a navigation (the editor's unsaved-changes guard uses useBlocker);
  // the remotes' own <Routes> render beneath its one catch-all route.
  const [router] = useState(() => createBrowserRouter([{ path: "*", element: <Frame /> }]));

  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider value={session}>
        <ThemeProvider value={theme}>
          <ToastProvider value={toastApi}>
            <RestoringSession.Provider value={session.restoring}>
              <RouterProvider router={router} />
            </RestoringSession.Provider>
            <ToastRegion toasts={toasts} onDismiss={dismiss} />
          </ToastProvider>
        </ThemeProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
