import type { CommentView } from "@quire/contracts";
import type { requireUser } from "@quire/service-kit";
import { authors, type CommentRow } from "../schema";

/** A request as the kit types it (identity set from a verified token only). */
export type ServiceRequest = Parameters<typeof requireUser>[0];

/** Who is reading: decides pending, secret and "mine". */
export interface Viewer {
  userId: string | null;
  admin: boolean;
}

export function viewerOf(req: ServiceRequest): Viewer {
  return { userId: req.identity?.userId ?? null, admin: req.identity?.role === "ADMIN" };
}

export const authorColumns = { name: authors.name, avatarUrl: authors.avatarUrl };
export type AuthorColumns = { name: string; avatarUrl: string | null } | null;

export const iso = (t: string) => new Date(t).toISOString();

/** A user's comment reads the current name from the replica; the name stored at writing is the fallback. */
export function authorNameOf(row: CommentRow, author: AuthorColumns): string {
  return (row.userId && author?.name) || row.authorName;
}

/**
 * The one place that decides what a viewer reads of a comment: a secret one is masked for everyone but its
 * author and admins; a deleted one is a bare placeholder (`revealDeleted` is the admin console's full view).
 */
export function toCommentView(
  row: CommentRow,
  author: AuthorColumns,
  viewer: Viewer,
  options: { revealDeleted?: boolean } = {},
): CommentView {
  const mine = viewer.userId !== null && row.userId === viewer.userId;
  const deleted = row.deletedAt !== null;
  const hidden = deleted && !(options.revealDeleted && viewer.admin);
  const readable = !row.secret || mine || viewer.admin;
  return {
    id: row.id,
    postId: row.postId,
    parentId: row.parentId,
    author: hidden
      ? null
      : {
          id: row.userId,
          name: authorNameOf(row, author),
          avatarUrl: row.userId ? (author?.avatarUrl ?? null) : null,
          guest: row.userId === null,
        },
    content: hidden || !readable ? null : row.content,
    secret: row.secret,
    deleted,
    status: row.status,
    mine,
    edited: row.edited,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** An excerpt for events and lists; none for a secret comment. */
export function excerptOf(row: Pick<CommentRow, "content" | "secret">): string | null {
  if (row.secret) return null;
  const text = row.content.replace(/\s+/g, " ").trim();
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
