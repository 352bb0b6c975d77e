import { GraphQLRequestError, graphqlRequest, useCursorList, useGraphQLSubscription } from "@quire/shell-sdk";
import { type InfiniteData, useMutation, useQueryClient } from "@tanstack/react-query";
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

const COMMENTS_QUERY = /* GraphQL */ `
  query BlogComments($slug: String!, $first: Int!, $after: String) {
    post(slug: $slug) {
      id
      comments(first: $first, after: $after) {
        edges { cursor node { id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest } replies { id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest } } } }
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

const COMMENT_ADDED = /* GraphQL */ `
  subscription BlogCommentAdded($postId: ID!) {
    commentAdded(postId: $postId) { commentId }
  }
`;

/**
 * The post's comments, refetched whenever the BFF announces a new one (a server-sent events subscription,
 * reopened after a drop). The notice carries no text: the refetch shows what this viewer may read.
 */
export function useComments(slug: string, postId: string) {
  const queryClient = useQueryClient();
  useGraphQLSubscription(COMMENT_ADDED, { postId }, () => {
    void queryClient.invalidateQueries({ queryKey: commentKeys.list(slug) });
  });
  return useCursorList<Comment, CommentConnection>({
    queryKey: commentKeys.list(slug),
    // An unavailable service stays unavailable for a moment: one retry is enough.
    retry: (count, error) => !(error instanceof CommentsUnavailableError) && count < 2,
    fetchPage: async (after, signal) => {
      const data = await graphqlRequest<
        { post: { id: string; comments: CommentConnection | null } | null },
        Record<string, unknown>
      >(COMMENTS_QUERY, { slug, first: COMMENTS_PAGE_SIZE, after }, { signal });
      // The connection is never null on success: null means the BFF reported the service UNAVAILABLE.
      if (!data.post?.comments) throw new CommentsUnavailableError("Comments are unavailable right now");
      return data.post.comments;
    },
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

type CommentPages = InfiniteData<CommentConnection, string | null>;

/**
 * Writes the outcome of a comment mutation into the cached list at once, instead of refetching: for
 * anonymous readers the BFF may answer from its response cache until the comment's event reaches it, and a
 * refetch right away could bring the old list back. The 15 s poll reconciles with the server.
 */
function usePatchComments(slug: string) {
  const client = useQueryClient();
  return async (update: (pages: CommentPages) => CommentPages) => {
    // A poll in flight would land after this change with the list from before it.
    await client.cancelQueries({ queryKey: commentKeys.list(slug) });
    client.setQueryData<CommentPages>(commentKeys.list(slug), (data) => (data ? update(data) : data));
  };
}

const mapComments = (pages: CommentPages, fn: (comment: Comment) => Comment | null): CommentPages => {
  const apply = (list: Comment[]): Comment[] =>
    list.flatMap((comment) => {
      const next = fn(comment);
      if (!next) return [];
      return [{ ...next, replies: next.replies ? apply(next.replies) : next.replies }];
    });
  return {
    ...pages,
    pages: pages.pages.map((page) => {
      const kept = apply(page.edges.map((edge) => edge.node));
      const byId = new Map(kept.map((comment) => [comment.id, comment]));
      return {
        ...page,
        edges: page.edges.flatMap((edge) => {
          const node = byId.get(edge.node.id);
          return node ? [{ ...edge, node }] : [];
        }),
      };
    }),
  };
};

const withTotal = (pages: CommentPages, delta: number): CommentPages => ({
  ...pages,
  pages: pages.pages.map((page) => ({ ...page, totalCount: Math.max(0, page.totalCount + delta) })),
});

export function useAddComment(slug: string, postId: string) {
  const patch = usePatchComments(slug);
  return useMutation({
    mutationFn: (input: NewComment) =>
      graphqlRequest<{ addComment: Comment }, Record<string, unknown>>(
        /* GraphQL */ `mutation BlogAddComment($postId: ID!, $input: CommentInput!) {
          addComment(postId: $postId, input: $input) {
            id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest }
          }
        }`,
        { postId, input },
      ),
    onSuccess: ({ addComment: added }) =>
      patch((data) => {
        const comment: Comment = { ...added, replies: [] };
        if (comment.parentId) {
          return withTotal(
            mapComments(data, (c) =>
              c.id === comment.parentId ? { ...c, replies: [...(c.replies ?? []), comment] } : c,
            ),
            1,
          );
        }
        // Oldest first: a new comment closes the list.
        const last = data.pages.length - 1;
        return withTotal(
          {
            ...data,
            pages: data.pages.map((page, index) =>
              index === last
                ? { ...page, edges: [...page.edges, { cursor: comment.id, node: comment }] }
                : page,
            ),
          },
          1,
        );
      }),
  });
}

export function useEditComment(slug: string) {
  const patch = usePatchComments(slug);
  return useMutation({
    mutationFn: (vars: { id: string; content: string; guestPassword?: string | undefined }) =>
      graphqlRequest<{ editComment: Comment }, Record<string, unknown>>(
        /* GraphQL */ `mutation BlogEditComment($id: ID!, $content: String!, $guestPassword: String) {
          editComment(id: $id, content: $content, guestPassword: $guestPassword) {
            id postId parentId secret deleted mine edited createdAt content author { id name avatarUrl guest }
          }
        }`,
        { id: vars.id, content: vars.content, guestPassword: vars.guestPassword ?? null },
      ),
    onSuccess: ({ editComment: edited }) =>
      patch((data) =>
        mapComments(data, (c) => (c.id === edited.id ? { ...c, ...edited, replies: c.replies } : c)),
      ),
  });
}

export function useDeleteComment(slug: string) {
  const patch = usePatchComments(slug);
  return useMutation({
    mutationFn: (vars: { id: string; guestPassword?: string | undefined }) =>
      graphqlRequest<{ deleteComment: boolean }, Record<string, unknown>>(
        /* GraphQL */ `mutation BlogDeleteComment($id: ID!, $guestPassword: String) {
          deleteComment(id: $id, guestPassword: $guestPassword)
        }`,
        { id: vars.id, guestPassword: vars.guestPassword ?? null },
      ),
    onSuccess: (_result, { id }) =>
      patch((data) =>
        withTotal(
          // A comment with replies stays as a placeholder for them; one without disappears.
          mapComments(data, (c) => {
            if (c.id !== id) return c;
            return c.replies && c.replies.length > 0
              ? { ...c, deleted: true, content: null, author: null }
              : null;
          }),
          -1,
        ),
      ),
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
        /* GraphQL */ `mutation BlogToggleLike($postId: ID!) { toggleLike(postId: $postId) { liked likeCount } }`,
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
        /* GraphQL */ `mutation BlogToggleBookmark($postId: ID!) { toggleBookmark(postId: $postId) { bookmarked } }`,
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
        /* GraphQL */ `mutation BlogRecordView($postId: ID!) { recordView(postId: $postId) { counted viewCount } }`,
        { postId },
      ),
    onSuccess: ({ recordView }) => patch({ viewCount: recordView.viewCount }),
  });
}
