import { defineConfig } from "vite";
import { remoteConfig } from "../../vite.shared";

export default defineConfig(
  remoteConfig({ name: "blog", exposes: { "./App": "./src/App.tsx" }, port: 3100 }),
);
