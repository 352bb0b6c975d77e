// API schemas of the storage service (requests and responses), shared by the service and the BFF.
import { z } from "zod";
import { imagePurposeSchema } from "../events/storage-events";

export type ImagePurpose = z.infer<typeof imagePurposeSchema>;

export const uploadImageQuery = z.object({ purpose: imagePurposeSchema }).strict();

export const uploadedImage = z.object({
  id: z.string(),
  /** Path of the re-encoded WebP, served by storage with long cache headers. */
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  originalBytes: z.number().int(),
});
export type UploadedImage = z.infer<typeof uploadedImage>;

const purposeUsage = z.object({ count: z.number().int(), bytes: z.number().int() });

export const storageUsage = z.object({
  byPurpose: z.object({ avatar: purposeUsage, cover: purposeUsage, post: purposeUsage }),
  total: purposeUsage,
  /** What the object store itself holds (includes objects no row points at). */
  stored: z.object({ objects: z.number().int(), bytes: z.number().int() }),
});

export const orphanImage = z.object({
  id: z.string(),
  url: z.string(),
  purpose: imagePurposeSchema,
  ownerId: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
});

export const orphanList = z.object({ items: z.array(orphanImage) });

export const cleanOrphansRequest = z
  .object({
    /** Images younger than this are kept: an upload is unreferenced until the post or profile saves it. */
    minAgeMinutes: z.number().int().min(0).max(525_600).default(60),
  })
  .strict();

export const cleanOrphansResult = z.object({
  deleted: z.array(z.string()),
  /** Unreferenced here, but still in use according to blog or auth (their events have not arrived yet). */
  kept: z.array(z.string()),
});

/** Answer of blog's `GET /internal/images/referenced` and auth's `GET /internal/avatars`. */
export const referencedImageUrls = z.object({ urls: z.array(z.string()) });

export const linkPreviewRequest = z.object({ url: z.string().trim().min(1).max(2000) }).strict();

export const linkPreview = z.object({
  url: z.string(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  image: z.string().nullable(),
  favicon: z.string().nullable(),
  siteName: z.string().nullable(),
});
export type LinkPreview = z.infer<typeof linkPreview>;

export const createBackupRequest = z.object({ description: z.string().trim().max(200).default("") }).strict();

export const backupView = z.object({
  id: z.string(),
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  bytes: z.number().int(),
  /** The services whose data the archive holds, in restore order. */
  services: z.array(z.string()),
});
export type BackupView = z.infer<typeof backupView>;

export const backupList = z.object({ items: z.array(backupView) });

export const backupJobView = z.object({
  id: z.string(),
  kind: z.enum(["BACKUP", "RESTORE"]),
  backupId: z.string(),
  status: z.enum(["RUNNING", "SUCCEEDED", "FAILED"]),
  progress: z.number().int().min(0).max(100),
  /** What the job does now, or did last. */
  step: z.string(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type BackupJobView = z.infer<typeof backupJobView>;

export const backupJobResponse = z.object({ job: backupJobView });
