import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Connection, PAGE_SIZE, useConnection } from "./connection";

export type NoticeStatus = "DRAFT" | "PUBLISHED";

export interface AdminNotice {
  id: string;
  slug: string;
  title: string;
  contentHtml: string;
  badge: string;
  color: string;
  pinned: boolean;
  status: NoticeStatus;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NoticeInput {
  title: string;
  contentHtml: string;
  badge: string;
  color: string;
  pinned: boolean;
  status: NoticeStatus;
}

const LIST = /* GraphQL */ `
  query AdminNotices($status: NoticeStatus, $first: Int!, $after: String) {
    adminPages {
      notices(status: $status, first: $first, after: $after) {
        edges {
          cursor
          node { id slug title contentHtml badge color pinned status publishedAt createdAt updatedAt }
        }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

const CREATE = /* GraphQL */ `
  mutation AdminCreateNotice($input: NoticeInput!) {
    createNotice(input: $input) { id slug title contentHtml badge color pinned status publishedAt createdAt updatedAt }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation AdminUpdateNotice($id: ID!, $input: NoticeUpdateInput!) {
    updateNotice(id: $id, input: $input) { id slug title contentHtml badge color pinned status publishedAt createdAt updatedAt }
  }
`;

const DELETE = /* GraphQL */ `
  mutation AdminDeleteNotice($id: ID!) {
    deleteNotice(id: $id)
  }
`;

export function useAdminNotices(status: NoticeStatus | null) {
  return useConnection<AdminNotice>(["admin", "notices", { status }], async (after, signal) => {
    const data = await graphqlRequest<
      { adminPages: { notices: Connection<AdminNotice> } },
      { status: NoticeStatus | null; first: number; after: string | null }
    >(LIST, { status, first: PAGE_SIZE, after }, { signal });
    return data.adminPages.notices;
  });
}

function invalidate(queryClient: ReturnType<typeof useQueryClient>) {
  // The home page's pop-up and the notice pages read them too.
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ["admin", "notices"] }),
    queryClient.invalidateQueries({ queryKey: ["blog"] }),
  ]);
}

export function useSaveNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, input }: { id: string | null; input: Partial<NoticeInput> }) => {
      if (id) {
        return (
          await graphqlRequest<{ updateNotice: AdminNotice }, { id: string; input: Partial<NoticeInput> }>(
            UPDATE,
            {
              id,
              input,
            },
          )
        ).updateNotice;
      }
      return (
        await graphqlRequest<{ createNotice: AdminNotice }, { input: Partial<NoticeInput> }>(CREATE, {
          input,
        })
      ).createNotice;
    },
    onSuccess: () => invalidate(queryClient),
  });
}

export function useDeleteNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await graphqlRequest<{ deleteNotice: boolean }, { id: string }>(DELETE, { id });
    },
    onSuccess: () => invalidate(queryClient),
  });
}
