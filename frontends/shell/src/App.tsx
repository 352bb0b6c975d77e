import { SessionProvider, ThemeProvider, ToastProvider } from "@quire/shell-sdk";
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

function Routed() {
  const { pathname } = useLocation();
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

  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider value={session}>
        <ThemeProvider value={theme}>
          <ToastProvider value={toastApi}>
            <BrowserRouter>
              <Layout>
                <Routed />
              </Layout>
            </BrowserRouter>
            <ToastRegion toasts={toasts} onDismiss={dismiss} />
          </ToastProvider>
        </ThemeProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}
