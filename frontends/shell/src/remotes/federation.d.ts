// Modules the federation plugin resolves at runtime from each remote's remoteEntry.js.
declare module "blog/App" {
  import type { RemoteAppProps } from "@quire/shell-sdk";
  import type { ComponentType } from "react";

  const App: ComponentType<RemoteAppProps>;
  export default App;
}
declare module "admin/App" {
  import type { RemoteAppProps } from "@quire/shell-sdk";
  import type { ComponentType } from "react";

  const App: ComponentType<RemoteAppProps>;
  export default App;
}
declare module "user/App" {
  import type { RemoteAppProps } from "@quire/shell-sdk";
  import type { ComponentType } from "react";

  const App: ComponentType<RemoteAppProps>;
  export default App;
}

interface Window {
  /** Resolves a remote's remoteEntry.js URL from the runtime manifest; called by the federation runtime. */
  __remoteUrl: (name: string) => Promise<string>;
}
