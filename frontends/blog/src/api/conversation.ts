import { GraphQLRequestError, graphqlRequest } from "@quire/shell-sdk";
import { type InfiniteData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type PageInfo, type Post, postKeys } from "./posts";

export interface CommentAuthor {
  id: string | null;
  name: string;
  avatarUrl: string | null;
  guest: boolean;
}

export interface Comment {
  id: string;
  postId: string;
  parentId: string | null;
  /** Null for a deleted placeholder. */
  author: CommentAuthor | null;
  /** Null for a placeholder and for a secret comment the viewer may not read. */
  content: string | null;
  secret: boolean;
  deleted: boolean;
  mine: boolean;
  edited: boolean;
  createdAt: string;
  replies?: Comment[];
}

export interface CommentConnection {
  edges: Array<{ cursor: string; node: Comment }>;
  pageInfo: PageInfo;
  totalCount: number;
}

const COMMENT_FIELDS = `
  id postId parentId secret deleted mine edited createdAt content
  author { id name avatarUrl guest }
`;

const COMMENTS_QUERY = `
  query BlogComments($slug: String!, $first: Int!, $after: String) {
    post(slug: $slug) {
      id
      comments(first: $first, after: $after) {
        edges { cursor node { ${COMMENT_FIELDS} replies { ${COMMENT_FIELDS} } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;

export const COMMENTS_PAGE_SIZE = 20;

/** Thrown when the comment service is down while the post itself answered: the post still renders. */
export class CommentsUnavailableError extends Error {
  override readonly name = "CommentsUnavailableError";
}

export const commentKeys = {
  list: (slug: string) => ["blog", "comments", slug] as const,
};

export function useComments(slug: string) {
  return useInfiniteQuery<
    CommentConnection,
    Error,
    InfiniteData<CommentConnection, string | null>,
    readonly unknown[],
    string | null
  >({
    queryKey: commentKeys.list(slug),
    initialPageParam: null,
    // An unavailable service stays unavailable for a moment: one retry is enough.
    retry: (count, error) => !(error instanceof CommentsUnavailableError) && count < 2,
    queryFn: async ({ pageParam, signal }) => {
      const data = await graphqlRequest<
        { post: { id: string; comments: CommentConnection | null } | null },
        Record<string, unknown>
      >(COMMENTS_QUERY, { slug, first: COMMENTS_PAGE_SIZE, after: pageParam }, { signal });
      // The connection is never null on success: null means the BFF reported the service UNAVAILABLE.
      if (!data.post?.comments) throw new CommentsUnavailableError("Comments are unavailable right now");
      return data.post.comments;
    },
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
}

/** A readable message for a failed mutation, with the codes the BFF uses. */
export function mutationMessage(error: unknown): string {
  if (error instanceof GraphQLRequestError) {
    switch (error.code) {
      case "FORBIDDEN":
        return "That password is not right, or you may not change this comment.";
      case "RATE_LIMITED":
        return "Too many attempts: wait a moment and try again.";
      case "UNAUTHENTICATED":
        return "Your session has ended: sign in again.";
      case "UNAVAILABLE":
        return "This is unavailable right now: try again in a moment.";
      default:
        return error.message;
    }
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}

export interface NewComment {
  content: string;
  parentId?: string | null;
  guestName?: string;
  guestPassword?: string;
  secret?: boolean;
}

function useRefreshComments(slug: string) {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: commentKeys.list(slug) }),
      client.invalidateQueries({ queryKey: postKeys.detail(slug) }),
    ]);
}

export function useAddComment(slug: string, postId: string) {
  const refresh = useRefreshComments(slug);
  return useMutation({
    mutationFn: (input: NewComment) =>
      graphqlRequest<{ addComment: { id: string } }, Record<string, unknown>>(
        `mutation BlogAddComment($postId: ID!, $input: CommentInput!) {
          addComment(postId: $postId, input: $input) { id }
        }`,
        { postId, input },
      ),
    onSuccess: refresh,
  });
}

export function useEditComment(slug: string) {
  const refresh = useRefreshComments(slug);
  return useMutation({
    mutationFn: (vars: { id: string; content: string; guestPassword?: string | undefined }) =>
      graphqlRequest<{ editComment: { id: string } }, Record<string, unknown>>(
        `mutation BlogEditComment($id: ID!, $content: String!, $guestPassword: String) {
          editComment(id: $id, content: $content, guestPassword: $guestPassword) { id }
        }`,
        { id: vars.id, content: vars.content, guestPassword: vars.guestPassword ?? null },
      ),
    onSuccess: refresh,
  });
}

export function useDeleteComment(slug: string) {
  const refresh = useRefreshComments(slug);
  return useMutation({
    mutationFn: (vars: { id: string; guestPassword?: string | undefined }) =>
      graphqlRequest<{ deleteComment: boolean }, Record<string, unknown>>(
        `mutation BlogDeleteComment($id: ID!, $guestPassword: String) {
          deleteComment(id: $id, guestPassword: $guestPassword)
        }`,
        { id: vars.id, guestPassword: vars.guestPassword ?? null },
      ),
    onSuccess: refresh,
  });
}

/** Writes a change of the post (counts, viewer flags) into the cached post. */
function usePatchPost(slug: string) {
  const client = useQueryClient();
  return (patch: Partial<Post>) =>
    client.setQueryData<Post | null>(postKeys.detail(slug), (post) => (post ? { ...post, ...patch } : post));
}

export function useToggleLike(slug: string, postId: string) {
  const patch = usePatchPost(slug);
  return useMutation({
    mutationFn: () =>
      graphqlRequest<{ toggleLike: { liked: boolean; likeCount: number } }, { postId: string }>(
        `mutation BlogToggleLike($postId: ID!) { toggleLike(postId: $postId) { liked likeCount } }`,
        { postId },
      ),
    onSuccess: ({ toggleLike }) =>
      patch({ viewerHasLiked: toggleLike.liked, likeCount: toggleLike.likeCount }),
  });
}

export function useToggleBookmark(slug: string, postId: string) {
  const patch = usePatchPost(slug);
  return useMutation({
    mutationFn: () =>
      graphqlRequest<{ toggleBookmark: { bookmarked: boolean } }, { postId: string }>(
        `mutation BlogToggleBookmark($postId: ID!) { toggleBookmark(postId: $postId) { bookmarked } }`,
        { postId },
      ),
    onSuccess: ({ toggleBookmark }) => patch({ viewerHasBookmarked: toggleBookmark.bookmarked }),
  });
}

export function useRecordView(slug: string) {
  const patch = usePatchPost(slug);
  return useMutation({
    mutationFn: (postId: string) =>
      graphqlRequest<{ recordView: { counted: boolean; viewCount: number } }, { postId: string }>(
        `mutation BlogRecordView($postId: ID!) { recordView(postId: $postId) { counted viewCount } }`,
        { postId },
      ),
    onSuccess: ({ recordView }) => patch({ viewCount: recordView.viewCount }),
  });
}
