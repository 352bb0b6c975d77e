import { boolean, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const notices = pgTable("notices", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  contentHtml: text("content_html").notNull(),
  badge: text("badge").notNull().default(""),
  color: text("color").notNull(),
  pinned: boolean("pinned").notNull().default(false),
  status: text("status", { enum: ["DRAFT", "PUBLISHED"] }).notNull(),
  publishedAt: ts("published_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
});

export const staticPages = pgTable("static_pages", {
  slug: text("slug", { enum: ["introduce", "privacy"] }).primaryKey(),
  content: jsonb("content").notNull(),
  version: integer("version").notNull(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export type NoticeRow = typeof notices.$inferSelect;
