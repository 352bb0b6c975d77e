import { boolean, date, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });
const day = (name: string) => date(name, { mode: "string" });

export const posts = pgTable("posts", {
  id: text("id").primaryKey(),
  status: text("status", { enum: ["DRAFT", "PUBLIC", "PRIVATE"] }).notNull(),
  deleted: boolean("deleted").notNull().default(false),
  version: integer("version").notNull(),
});

export const postViews = pgTable(
  "post_views",
  {
    postId: text("post_id").notNull(),
    day: day("day").notNull(),
    visitor: text("visitor").notNull(),
    viewedAt: ts("viewed_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.day, t.visitor] })],
);

export const postViewTotals = pgTable("post_view_totals", {
  postId: text("post_id").primaryKey(),
  views: integer("views").notNull(),
});

export const siteVisits = pgTable(
  "site_visits",
  {
    day: day("day").notNull(),
    visitor: text("visitor").notNull(),
    visitedAt: ts("visited_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.day, t.visitor] })],
);

export const postEngagement = pgTable("post_engagement", {
  postId: text("post_id").primaryKey(),
  likeCount: integer("like_count").notNull(),
  commentCount: integer("comment_count").notNull(),
  version: integer("version").notNull(),
});

export const users = pgTable("users", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  registeredAt: ts("registered_at"),
  deleted: boolean("deleted").notNull().default(false),
});

export const bugReports = pgTable("bug_reports", {
  id: text("id").primaryKey(),
  title: text("title").notNull(),
  category: text("category", { enum: ["UI", "FUNCTIONAL", "PERFORMANCE", "SECURITY", "ETC"] }).notNull(),
  priority: text("priority", { enum: ["LOW", "MEDIUM", "HIGH"] }).notNull(),
  description: text("description").notNull(),
  email: text("email"),
  reporterId: text("reporter_id"),
  status: text("status", { enum: ["OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"] })
    .notNull()
    .default("OPEN"),
  reply: text("reply"),
  repliedAt: ts("replied_at"),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

export type BugReportRow = typeof bugReports.$inferSelect;
