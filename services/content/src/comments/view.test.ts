import { describe, expect, it } from "vitest";
import type { CommentRow } from "../schema";
import { excerptOf, toCommentView } from "./view";

const row: CommentRow = {
  id: "c1",
  postId: "p1",
  parentId: null,
  userId: "u1",
  authorName: "Old name",
  guestPasswordHash: null,
  content: "a secret",
  secret: true,
  status: "APPROVED",
  edited: false,
  createdAt: "2026-01-01 00:00:00+00",
  updatedAt: "2026-01-01 00:00:00+00",
  deletedAt: null,
};
const author = { name: "New name", avatarUrl: "/a.webp" };

describe("what a viewer reads of a comment", () => {
  it("shows a secret comment only to its author and admins", () => {
    expect(toCommentView(row, author, { userId: null, admin: false }).content).toBeNull();
    expect(toCommentView(row, author, { userId: "u2", admin: false }).content).toBeNull();
    expect(toCommentView(row, author, { userId: "u1", admin: false })).toMatchObject({
      content: "a secret",
      mine: true,
    });
    expect(toCommentView(row, author, { userId: "u9", admin: true })).toMatchObject({
      content: "a secret",
      mine: false,
    });
  });

  it("makes a deleted comment a bare placeholder, except in the admin console's full view", () => {
    const deleted = { ...row, secret: false, deletedAt: "2026-01-02 00:00:00+00" };
    const admin = { userId: "u9", admin: true };
    expect(toCommentView(deleted, author, admin)).toMatchObject({
      deleted: true,
      content: null,
      author: null,
    });
    expect(toCommentView(deleted, author, admin, { revealDeleted: true })).toMatchObject({
      content: "a secret",
      author: { name: "New name" },
    });
    expect(
      toCommentView(deleted, author, { userId: null, admin: false }, { revealDeleted: true }).content,
    ).toBeNull();
  });

  it("names a user from the replica, falling back to the name stored when written; a guest by their own", () => {
    expect(toCommentView(row, author, { userId: null, admin: false }).author).toEqual({
      id: "u1",
      name: "New name",
      avatarUrl: "/a.webp",
      guest: false,
    });
    expect(toCommentView(row, null, { userId: null, admin: false }).author?.name).toBe("Old name");
    const guest = { ...row, userId: null, authorName: "Visitor", guestPasswordHash: "h" };
    expect(toCommentView(guest, null, { userId: null, admin: false }).author).toEqual({
      id: null,
      name: "Visitor",
      avatarUrl: null,
      guest: true,
    });
  });

  it("gives no excerpt of a secret comment and shortens long ones", () => {
    expect(excerptOf({ content: "hidden", secret: true })).toBeNull();
    expect(excerptOf({ content: "  two\n\nlines ", secret: false })).toBe("two lines");
    expect(excerptOf({ content: "x".repeat(300), secret: false })).toHaveLength(120);
  });
});
