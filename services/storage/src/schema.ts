import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

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
