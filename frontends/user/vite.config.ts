import { defineConfig } from "vite";
import { remoteConfig } from "../../vite.shared";

export default defineConfig(
  remoteConfig({ name: "user", exposes: { "./App": "./src/App.tsx" }, port: 3300 }),
);
