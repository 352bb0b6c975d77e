import "@quire/ui/styles.css";
import "./shell.css";
import { GraphQLRequestError } from "@quire/shell-sdk";
import { QueryClient } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { loadRemote } from "./remotes/load-remote";
import { RemoteUnavailableError } from "./remotes/manifest";
import { findMount, routerPathname } from "./routes";
import { isAnonymousVisitor } from "./session/use-session-state";
import { applyTheme, initialTheme } from "./theme/use-theme-state";

// Before the first paint, so a dark-theme reader never sees a light flash.
applyTheme(initialTheme());

/** The longest the first render waits for the current route's remote; a slow one shows its spinner. */
const FIRST_RENDER_WAIT_MS = 400;

const NO_RETRY_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND"]);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Retrying cannot fix a rejected request; it can fix a dropped connection.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof GraphQLRequestError && NO_RETRY_CODES.has(error.code)),
    },
  },
});

// The loading chain is serial (main -> remoteEntry -> exposed module -> the screen's query). Start the current
// route's remote now; an anonymous visitor's screen starts its query as soon as the module is here.
const pathname = routerPathname(window.location.pathname);
const mount = findMount(pathname);
// A failed load or preload only ends the wait: the remote's route shows its own fallback.
const screenReady = mount
  ? loadRemote(mount.remote)
      .then((module) =>
        isAnonymousVisitor()
          ? module.preload?.({ basePath: mount.basePath, pathname, queryClient })
          : undefined,
      )
      .catch(() => undefined)
  : undefined;

// React's first render keeps the main thread busy for a while, and the remote's module would wait behind it;
// a screen rendered before its data renders twice. Give both a moment to arrive, so the page renders once.
await Promise.race([screenReady, new Promise((resolve) => setTimeout(resolve, FIRST_RENDER_WAIT_MS))]);

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root");

createRoot(container, {
  // An unavailable remote is expected and handled by its fallback: a warning, not an error.
  onCaughtError(error, info) {
    if (error instanceof RemoteUnavailableError) console.warn(`[shell] ${error.message}`);
    else console.error(error, info.componentStack);
  },
}).render(
  <StrictMode>
    <App queryClient={queryClient} />
  </StrictMode>,
);
