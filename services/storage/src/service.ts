import type { ServiceDefinition } from "@quire/service-kit";
import { imageReferenceHandlers } from "./events/on-image-sources";
import type { LinkPreviewOptions } from "./link-preview/fetch-preview";
import { registerAdminRoutes } from "./routes/admin";
import { registerImageRoutes } from "./routes/images";
import { registerLinkPreviewRoutes } from "./routes/link-preview";
import { type ObjectStore, objectStoreFromConfig } from "./storage";

export interface StorageServiceOptions {
  /** Where objects go; by default S3 when `S3_BUCKET` is set, else `<QUIRE_DATA_DIR>/storage/objects`. */
  objectStore?: ObjectStore;
  linkPreview?: LinkPreviewOptions;
}

export function storageService(options: StorageServiceOptions = {}): ServiceDefinition {
  return {
    name: "storage",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [{ name: "image-references", handlers: imageReferenceHandlers }],
    routes: async (app, ctx) => {
      const store = options.objectStore ?? objectStoreFromConfig(ctx.config);
      await registerImageRoutes(app, ctx, store);
      registerAdminRoutes(app, ctx, store);
      registerLinkPreviewRoutes(app, ctx, options.linkPreview ?? {});
    },
  };
}
