import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Connection, PAGE_SIZE, useConnection } from "./connection";

export const COMMENT_STATUSES = [
  { value: "APPROVED", label: "Shown" },
  { value: "PENDING", label: "Awaiting review" },
  { value: "SPAM", label: "Hidden" },
] as const;

export type CommentStatus = (typeof COMMENT_STATUSES)[number]["value"];

export interface AdminComment {
  id: string;
  postId: string;
  parentId: string | null;
  author: { id: string | null; name: string; guest: boolean } | null;
  content: string | null;
  secret: boolean;
  deleted: boolean;
  status: CommentStatus;
  edited: boolean;
  createdAt: string;
  post: { id: string; slug: string; title: string } | null;
}

export interface CommentFilter {
  status?: CommentStatus | null;
  includeDeleted?: boolean;
}

const LIST = /* GraphQL */ `
  query AdminComments($filter: AdminCommentFilter, $first: Int!, $after: String) {
    adminComments(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id postId parentId content secret deleted status edited createdAt
          author { id name guest }
          post { id slug title }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const SET_STATUS = /* GraphQL */ `
  mutation AdminSetCommentStatus($id: ID!, $status: CommentStatus!) {
    setCommentStatus(id: $id, status: $status) { id status }
  }
`;

const DELETE = /* GraphQL */ `
  mutation AdminDeleteComments($ids: [ID!]!) {
    deleteComments(ids: $ids)
  }
`;

export function useAdminComments(filter: CommentFilter) {
  return useConnection<AdminComment>(["admin", "comments", filter], async (after, signal) => {
    const data = await graphqlRequest<
      { adminComments: Connection<AdminComment> },
      { filter: CommentFilter; first: number; after: string | null }
    >(LIST, { filter, first: PAGE_SIZE, after }, { signal });
    return data.adminComments;
  });
}

export function useSetCommentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { id: string; status: CommentStatus }) =>
      (
        await graphqlRequest<{ setCommentStatus: { id: string; status: CommentStatus } }, typeof vars>(
          SET_STATUS,
          vars,
        )
      ).setCommentStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "comments"] }),
  });
}

export function useDeleteComments() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) =>
      (await graphqlRequest<{ deleteComments: number }, { ids: string[] }>(DELETE, { ids })).deleteComments,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "comments"] }),
  });
}
