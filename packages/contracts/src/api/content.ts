// API schemas of the content service (requests and responses), shared by the service and the BFF.
import { z } from "zod";
import { pageInfo } from "./blog";

export const commentStatusSchema = z.enum(["APPROVED", "PENDING", "SPAM"]);

const first = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const cursor = z.string().max(300).optional();
const contentText = z.string().trim().min(1, "Write a comment").max(2000, "At most 2000 characters");
const guestPassword = z.string().min(4, "At least 4 characters").max(100);
const ids = z.array(z.string().min(1).max(100)).min(1).max(100);

export const commentPageQuery = z.object({ first: first(100, 20), after: cursor });

export const createCommentRequest = z
  .object({
    content: contentText,
    parentId: z.string().min(1).max(100).optional(),
    /** Guests only: shown as the author's name. */
    guestName: z.string().trim().min(1, "Enter a name").max(50, "At most 50 characters").optional(),
    /** Guests only: lets the guest edit or delete the comment later. */
    guestPassword: guestPassword.optional(),
    /** Signed-in authors only: readable by the author and admins. */
    secret: z.boolean().optional(),
  })
  .strict();

export const updateCommentRequest = z
  .object({ content: contentText, guestPassword: guestPassword.optional() })
  .strict();

export const deleteCommentRequest = z.object({ guestPassword: guestPassword.optional() }).strict();

export const commentAuthor = z.object({
  /** Null for a guest. */
  id: z.string().nullable(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  guest: z.boolean(),
});

export const commentView = z.object({
  id: z.string(),
  postId: z.string(),
  parentId: z.string().nullable(),
  /** Null for a deleted placeholder. */
  author: commentAuthor.nullable(),
  /** Null for a deleted placeholder, and for a secret comment the viewer may not read. */
  content: z.string().nullable(),
  secret: z.boolean(),
  deleted: z.boolean(),
  status: commentStatusSchema,
  /** The viewer wrote it (signed in): the UI offers edit and delete. */
  mine: z.boolean(),
  edited: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const commentThread = commentView.extend({ replies: z.array(commentView), cursor: z.string() });

export const commentThreadPage = z.object({
  items: z.array(commentThread),
  /** Comments the viewer can see on the post, replies included, placeholders not. */
  totalCount: z.number().int(),
  pageInfo,
});

export const postRef = z.object({ id: z.string(), slug: z.string(), title: z.string() });

export const commentWithPost = commentView.extend({ post: postRef.nullable(), cursor: z.string() });

export const commentWithPostPage = z.object({ items: z.array(commentWithPost), pageInfo });

export const recentCommentsQuery = z.object({ limit: z.coerce.number().int().min(1).max(10).default(3) });

export const recentComments = z.object({ items: z.array(commentView.extend({ post: postRef })) });

export const adminCommentQuery = commentPageQuery.extend({
  status: commentStatusSchema.optional(),
  includeDeleted: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
});

export const setCommentStatusRequest = z.object({ status: commentStatusSchema }).strict();

export const bulkDeleteCommentsRequest = z.object({ ids }).strict();

export const likeResult = z.object({ liked: z.boolean(), likeCount: z.number().int() });

export const bookmarkResult = z.object({ bookmarked: z.boolean() });

export const viewerState = z.object({ liked: z.boolean(), bookmarked: z.boolean() });

export const bookmarkPage = z.object({
  items: z.array(z.object({ post: postRef, bookmarkedAt: z.string(), cursor: z.string() })),
  pageInfo,
});

export const removeBookmarksRequest = z.object({ postIds: ids }).strict();

export const engagementQuery = z.object({
  ids: z
    .string()
    .max(4000)
    .transform((s) => [...new Set(s.split(",").map((id) => id.trim()))].filter(Boolean))
    .pipe(z.array(z.string().max(100)).min(1, "Give at least one id").max(100, "At most 100 ids")),
});

export const postEngagement = z.object({
  postId: z.string(),
  likeCount: z.number().int(),
  commentCount: z.number().int(),
  /** Present only for a signed-in caller. */
  liked: z.boolean().optional(),
  bookmarked: z.boolean().optional(),
});

export const engagementList = z.object({ items: z.array(postEngagement) });

/**
 * What a post page shows of content's data, in one call: the engagement of some posts and, optionally, one
 * post's first page of comment threads.
 */
export const conversationQuery = z.object({
  ids: engagementQuery.shape.ids.optional(),
  commentsOf: z.string().min(1).max(100).optional(),
  first: first(100, 20),
  after: cursor,
});

export const conversationResponse = z.object({
  engagement: z.array(postEngagement),
  /** Null when comments were not asked for, or the viewer may not see that post. */
  comments: commentThreadPage.nullable(),
});
export type ConversationResponse = z.infer<typeof conversationResponse>;

export const engagementSnapshotQuery = z.object({ first: first(5000, 1000), after: cursor });

export const engagementSnapshot = z.object({
  items: z.array(
    z.object({
      postId: z.string(),
      likeCount: z.number().int(),
      commentCount: z.number().int(),
      version: z.number().int(),
    }),
  ),
  pageInfo,
});

export type CommentView = z.infer<typeof commentView>;
export type CreateCommentRequest = z.infer<typeof createCommentRequest>;
