import "@quire/ui/styles.css";
import "./shell.css";
import { GraphQLRequestError } from "@quire/shell-sdk";
import { QueryClient } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { preloadRemote } from "./remotes/load-remote";
import { RemoteUnavailableError } from "./remotes/manifest";
import { findMount } from "./routes";
import { applyTheme, initialTheme } from "./theme/use-theme-state";

// Before the first paint, so a dark-theme reader never sees a light flash.
applyTheme(initialTheme());

// The loading chain is serial (main -> remotes.json -> remoteEntry -> exposed module): start the current
// route's remote now, in parallel with React's first render.
const mount = findMount(window.location.pathname);
if (mount) preloadRemote(mount.remote);

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
