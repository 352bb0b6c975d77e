import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vite";
import { remoteConfig } from "../../vite.shared";

// The editor's @tiptap/react imports use-sync-external-store's CommonJS shim, whose require("react") would
// bundle a second React past the federation's sharing; this module gives it the shared React's hooks.
const syncExternalStore = fileURLToPath(new URL("./src/editor/lib/sync-external-store.ts", import.meta.url));

export default defineConfig(
  mergeConfig(remoteConfig({ name: "admin", exposes: { "./App": "./src/App.tsx" }, port: 3200 }), {
    resolve: {
      alias: [
        {
          find: /^use-sync-external-store\/shim(\/index\.js|\/with-selector(\.js)?)?$/,
          replacement: syncExternalStore,
        },
      ],
    },
  }),
);
