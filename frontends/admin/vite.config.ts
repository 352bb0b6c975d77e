import { defineConfig } from "vite";
import { remoteConfig } from "../../vite.shared";

export default defineConfig(
  remoteConfig({ name: "admin", exposes: { "./App": "./src/App.tsx" }, port: 3200 }),
);
