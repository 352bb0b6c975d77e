import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

export const categories = pgTable("categories", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
  /** PUBLIC posts using it, kept by triggers (migrations/0005_public_post_counts.sql). */
  publicPostCount: integer("public_post_count").notNull().default(0),
});

export const tags = pgTable("tags", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  createdAt: ts("created_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
  /** PUBLIC posts using it, kept by triggers (migrations/0005_public_post_counts.sql). */
  publicPostCount: integer("public_post_count").notNull().default(0),
});

export const posts = pgTable("posts", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull().unique(),
  title: text("title").notNull(),
  excerpt: text("excerpt").notNull(),
  contentHtml: text("content_html").notNull(),
  status: text("status", { enum: ["DRAFT", "PUBLIC", "PRIVATE"] }).notNull(),
  authorId: text("author_id").notNull(),
  categoryId: text("category_id"),
  coverUrl: text("cover_url"),
  readingMinutes: integer("reading_minutes").notNull(),
  publishedAt: ts("published_at"),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
  version: integer("version").notNull().default(1),
  viewCount: integer("view_count").notNull().default(0),
  likeCount: integer("like_count").notNull().default(0),
  commentCount: integer("comment_count").notNull().default(0),
  searchText: text("search_text").notNull().default(""),
  excerptCustom: boolean("excerpt_custom").notNull().default(false),
  firstPublishedAt: ts("first_published_at"),
  viewsVersion: integer("views_version").notNull().default(0),
  engagementVersion: integer("engagement_version").notNull().default(0),
});

/** Tombstones of deleted posts, with the version of their delete event. */
export const deletedPosts = pgTable("deleted_posts", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull(),
  version: integer("version").notNull(),
  deletedAt: ts("deleted_at").notNull().defaultNow(),
});

export const postTags = pgTable(
  "post_tags",
  {
    postId: text("post_id").notNull(),
    tagId: text("tag_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.tagId] })],
);

/** Replica of auth's users, from user.* events. */
export const authors = pgTable("authors", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  avatarUrl: text("avatar_url"),
  version: integer("version").notNull(),
});

export type PostRow = typeof posts.$inferSelect;
