import { graphqlRequest } from "@quire/shell-sdk";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { ADMIN_PAGE_SIZE, type AdminPost, type AdminPostConnection, adminPostKeys } from "./posts";

/** An autosave: every field optional; an empty title is saved as "Untitled". */
export interface DraftInput {
  title?: string;
  contentHtml?: string;
  excerpt?: string;
  categoryId?: string | null;
  tags?: string[];
  coverUrl?: string | null;
}

export interface PublishDraftInput {
  status: "PUBLIC" | "PRIVATE";
  categoryId: string;
  tags: string[];
  excerpt: string;
  coverUrl: string | null;
  publishedAt?: string | undefined;
}

const ADMIN_DRAFTS_QUERY = /* GraphQL */ `
  query AdminDrafts($first: Int, $after: String) {
    drafts(first: $first, after: $after) {
      edges {
        cursor
        node {
          id slug title excerpt coverUrl status publishedAt updatedAt
          viewCount likeCount commentCount
          category { id slug name }
          tags { id slug name }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const ADMIN_DRAFT_QUERY = /* GraphQL */ `
  query AdminDraft($id: ID!) {
    draft(id: $id) {
      id slug title excerpt contentHtml coverUrl status publishedAt updatedAt
      viewCount likeCount commentCount
      category { id slug name }
      tags { id slug name }
    }
  }
`;

const ADMIN_SAVE_DRAFT_MUTATION = /* GraphQL */ `
  mutation AdminSaveDraft($id: ID!, $input: DraftInput!) {
    saveDraft(id: $id, input: $input) {
      id slug title updatedAt
    }
  }
`;

const ADMIN_PUBLISH_DRAFT_MUTATION = /* GraphQL */ `
  mutation AdminPublishDraft($id: ID!, $input: PublishDraftInput!) {
    publishDraft(id: $id, input: $input) {
      id slug title excerpt contentHtml coverUrl status publishedAt updatedAt
      viewCount likeCount commentCount
      category { id slug name }
      tags { id slug name }
    }
  }
`;

const ADMIN_DELETE_DRAFT_MUTATION = /* GraphQL */ `
  mutation AdminDeleteDraft($id: ID!) {
    deleteDraft(id: $id)
  }
`;

export const draftKeys = {
  all: ["admin", "drafts"] as const,
  list: ["admin", "drafts", "list"] as const,
  detail: (id: string) => ["admin", "drafts", "detail", id] as const,
};

/** A new draft's id: the editor chooses it, so every autosave of one post writes the same draft. */
export function newDraftId(): string {
  return crypto.randomUUID();
}

export function useDrafts() {
  return useInfiniteQuery<
    AdminPostConnection,
    Error,
    InfiniteData<AdminPostConnection>,
    typeof draftKeys.list,
    string | null
  >({
    queryKey: draftKeys.list,
    initialPageParam: null,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
    queryFn: async ({ pageParam, signal }) => {
      const data = await graphqlRequest<{ drafts: AdminPostConnection }, Record<string, unknown>>(
        ADMIN_DRAFTS_QUERY,
        { first: ADMIN_PAGE_SIZE, after: pageParam },
        { signal },
      );
      return data.drafts;
    },
  });
}

export function useDraft(id: string | null) {
  return useQuery({
    queryKey: draftKeys.detail(id ?? ""),
    enabled: Boolean(id),
    // The editor keeps its own copy while open: a background refetch must not overwrite typing.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
    queryFn: async ({ signal }) => {
      const data = await graphqlRequest<{ draft: AdminPost | null }, { id: string }>(
        ADMIN_DRAFT_QUERY,
        { id: id ?? "" },
        { signal },
      );
      return data.draft;
    },
  });
}

export function saveDraft(id: string, input: DraftInput) {
  return graphqlRequest<
    { saveDraft: Pick<AdminPost, "id" | "slug" | "title" | "updatedAt"> },
    { id: string; input: DraftInput }
  >(ADMIN_SAVE_DRAFT_MUTATION, { id, input }).then((data) => data.saveDraft);
}

export function publishDraft(id: string, input: PublishDraftInput): Promise<AdminPost> {
  return graphqlRequest<{ publishDraft: AdminPost }, { id: string; input: PublishDraftInput }>(
    ADMIN_PUBLISH_DRAFT_MUTATION,
    { id, input },
  ).then((data) => data.publishDraft);
}

export function deleteDraft(id: string): Promise<boolean> {
  return graphqlRequest<{ deleteDraft: boolean }, { id: string }>(ADMIN_DELETE_DRAFT_MUTATION, { id }).then(
    (data) => data.deleteDraft,
  );
}

export function useDeleteDraft() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteDraft,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: draftKeys.all }),
        queryClient.invalidateQueries({ queryKey: adminPostKeys.all }),
      ]);
    },
  });
}
