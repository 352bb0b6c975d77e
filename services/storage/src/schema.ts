import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const images = pgTable("images", {
  id: text("id").primaryKey(),
  ownerId: text("owner_id").notNull(),
  key: text("key").notNull().unique(),
  purpose: text("purpose", { enum: ["avatar", "cover", "post"] }).notNull(),
  contentType: text("content_type").notNull(),
  bytes: integer("bytes").notNull(),
  originalBytes: integer("original_bytes").notNull(),
  width: integer("width").notNull(),
  height: integer("height").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
});

export type ImageRow = typeof images.$inferSelect;

export const imageRefSources = pgTable(
  "image_ref_sources",
  {
    sourceKind: text("source_kind", { enum: ["post", "avatar"] }).notNull(),
    sourceId: text("source_id").notNull(),
    version: integer("version").notNull(),
    deleted: boolean("deleted").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.sourceKind, t.sourceId] })],
);

export const imageRefs = pgTable(
  "image_refs",
  {
    sourceKind: text("source_kind", { enum: ["post", "avatar"] }).notNull(),
    sourceId: text("source_id").notNull(),
    imageId: text("image_id").notNull(),
    imageUrl: text("image_url").notNull(),
    sourceVersion: integer("source_version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceKind, t.sourceId, t.imageId] })],
);

export const backups = pgTable("backups", {
  id: text("id").primaryKey(),
  description: text("description").notNull(),
  createdBy: text("created_by").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  objectKey: text("object_key").notNull().unique(),
  bytes: bigint("bytes", { mode: "number" }).notNull(),
  services: jsonb("services").$type<string[]>().notNull(),
  status: text("status", { enum: ["COMPLETE"] })
    .notNull()
    .default("COMPLETE"),
});

export type BackupRow = typeof backups.$inferSelect;

export const backupJobs = pgTable("backup_jobs", {
  id: text("id").primaryKey(),
  kind: text("kind", { enum: ["BACKUP", "RESTORE"] }).notNull(),
  backupId: text("backup_id").notNull(),
  status: text("status", { enum: ["RUNNING", "SUCCEEDED", "FAILED"] }).notNull(),
  progress: integer("progress").notNull().default(0),
  step: text("step").notNull(),
  error: text("error"),
  startedAt: ts("started_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  finishedAt: ts("finished_at"),
});

export type BackupJobRow = typeof backupJobs.$inferSelect;
