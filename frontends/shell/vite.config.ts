import { defineConfig } from "vite";
import { hostConfig } from "../../vite.shared";

export default defineConfig(hostConfig({ remotes: ["blog", "admin", "user"], port: 3000 }));
