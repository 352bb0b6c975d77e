import type { ServiceDefinition } from "@quire/service-kit";
import { BACKUP_CATALOGUE_TABLES, BackupJobs } from "./backups/jobs";
import { imageReferenceHandlers } from "./events/on-image-sources";
import type { LinkPreviewOptions } from "./link-preview/fetch-preview";
import { storageReplicas } from "./replicas";
import { registerAdminRoutes } from "./routes/admin";
import { registerBackupRoutes } from "./routes/backups";
import { registerImageRoutes } from "./routes/images";
import { registerLinkPreviewRoutes } from "./routes/link-preview";
import { type ObjectStore, objectStoreFromConfig } from "./storage";

export interface StorageServiceOptions {
  /** Where objects go; by default S3 when `S3_BUCKET` is set, else `<QUIRE_DATA_DIR>/storage/objects`. */
  objectStore?: ObjectStore;
  linkPreview?: LinkPreviewOptions;
}

export function storageService(options: StorageServiceOptions = {}): ServiceDefinition {
  let backupJobs: BackupJobs | undefined;
  return {
    name: "storage",
    migrations: new URL("../migrations/", import.meta.url),
    consumers: [{ name: "image-references", handlers: imageReferenceHandlers }],
    replicas: storageReplicas,
    // A restore must not erase the record of backups, nor the job that is restoring.
    backupExcludedTables: BACKUP_CATALOGUE_TABLES,
    routes: async (app, ctx) => {
      const store = options.objectStore ?? objectStoreFromConfig(ctx.config);
      backupJobs = new BackupJobs(ctx, store);
      await registerImageRoutes(app, ctx, store);
      registerAdminRoutes(app, ctx, store);
      registerBackupRoutes(app, ctx, store, backupJobs);
      registerLinkPreviewRoutes(app, ctx, options.linkPreview ?? {});
    },
    // A shutdown lets the backup or restore in progress finish rather than cut it off half way.
    background: () => async () => backupJobs?.drain(),
  };
}
