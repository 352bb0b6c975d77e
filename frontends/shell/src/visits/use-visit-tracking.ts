import { graphqlRequest } from "@quire/shell-sdk";
import { useEffect } from "react";

const TRACKED_KEY = "quire.visitTracked";
const TRACK_VISIT = /* GraphQL */ `mutation ShellTrackVisit { trackVisit }`;

/**
 * Counts the visitor once per browser session (the server also counts one per visitor per site day), not
 * once per page: the flag is set before the request, so StrictMode's second effect and quick reloads send
 * nothing, and cleared if the request fails, so the next load tries again.
 */
export function useVisitTracking(): void {
  useEffect(() => {
    try {
      if (sessionStorage.getItem(TRACKED_KEY)) return;
      sessionStorage.setItem(TRACKED_KEY, "1");
    } catch {
      return;
    }
    graphqlRequest<{ trackVisit: boolean }>(TRACK_VISIT).catch(() => {
      try {
        sessionStorage.removeItem(TRACKED_KEY);
      } catch {
        // Nothing to undo.
      }
    });
  }, []);
}
