import { boolean, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "string" });

/** Replica of blog's posts, from post.* events; `deleted` marks a tombstone. */
export const posts = pgTable("posts", {
  id: text("id").primaryKey(),
  slug: text("slug").notNull(),
  title: text("title").notNull(),
  status: text("status", { enum: ["DRAFT", "PUBLIC", "PRIVATE"] }).notNull(),
  deleted: boolean("deleted").notNull().default(false),
  version: integer("version").notNull(),
});

/** Replica of auth's users, from user.* events. */
export const authors = pgTable("authors", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  avatarUrl: text("avatar_url"),
  status: text("status", { enum: ["ACTIVE", "SUSPENDED"] }).notNull(),
  version: integer("version").notNull(),
});

export const comments = pgTable("comments", {
  id: text("id").primaryKey(),
  postId: text("post_id").notNull(),
  parentId: text("parent_id"),
  userId: text("user_id"),
  authorName: text("author_name").notNull(),
  guestPasswordHash: text("guest_password_hash"),
  content: text("content").notNull(),
  secret: boolean("secret").notNull().default(false),
  status: text("status", { enum: ["APPROVED", "PENDING", "SPAM"] }).notNull(),
  edited: boolean("edited").notNull().default(false),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
  deletedAt: ts("deleted_at"),
});

export const likes = pgTable(
  "likes",
  {
    postId: text("post_id").notNull(),
    likerKey: text("liker_key").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.likerKey] })],
);

export const bookmarks = pgTable(
  "bookmarks",
  {
    userId: text("user_id").notNull(),
    postId: text("post_id").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.postId] })],
);

export const engagement = pgTable("engagement", {
  postId: text("post_id").primaryKey(),
  likeCount: integer("like_count").notNull().default(0),
  commentCount: integer("comment_count").notNull().default(0),
  version: integer("version").notNull().default(0),
});

export type CommentRow = typeof comments.$inferSelect;
export type PostReplicaRow = typeof posts.$inferSelect;
