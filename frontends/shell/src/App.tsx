import { SessionProvider, ThemeProvider, ToastProvider } from "@quire/shell-sdk";
import { Spinner } from "@quire/ui";
import { type QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter, useLocation } from "react-router-dom";
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

/**
 * Everything remotes share with the shell: one QueryClient (TanStack Query is a federation singleton, so
 * remotes' hooks find this provider), the session, the theme and toasts.
 */
export function App({ queryClient }: { queryClient: QueryClient }) {
  const session = useSessionState(queryClient);
  const theme = useThemeState();
  const { toasts, api: toastApi, dismiss } = useToasts();
  useVisitTracking();

  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider value={session}>
        <ThemeProvider value={theme}>
          <ToastProvider value={toastApi}>
            <BrowserRouter>
              <Layout>
                <Routed restoring={session.restoring} />
              </Layout>
            </BrowserRouter>
            <ToastRegion toasts={toasts} onDismiss={dismiss} />
          </ToastProvider>
        </ThemeProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
