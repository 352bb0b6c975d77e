import type { RemoteName } from "@quire/shell-sdk";
import { useLocation } from "@quire/shell-sdk";
import { Spinner } from "@quire/ui";
import { Suspense, use, useCallback, useState } from "react";
import { forgetFailedRemote, loadRemote } from "./load-remote";
import { RemoteBoundary } from "./RemoteBoundary";

function RemoteApp({ name, basePath }: { name: RemoteName; basePath: string }) {
  const { default: App } = use(loadRemote(name));
  return <App basePath={basePath} />;
}

/** Mounts a remote's `./App` behind Suspense (while it loads) and an error boundary (when it cannot). */
export function RemoteRoute({ name, basePath }: { name: RemoteName; basePath: string }) {
  const { pathname } = useLocation();
  // A new key remounts the remote after a retry, so it starts from a clean state.
  const [attempt, setAttempt] = useState(0);
  const reset = useCallback(() => {
    forgetFailedRemote(name);
    setAttempt((n) => n + 1);
  }, [name]);

  return (
    <RemoteBoundary resetKey={pathname} onReset={reset}>
      <Suspense fallback={<Spinner label="Loading this page" />}>
        <RemoteApp key={attempt} name={name} basePath={basePath} />
      </Suspense>
    </RemoteBoundary>
  );
}
