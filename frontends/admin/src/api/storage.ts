import { graphqlRequest } from "@quire/shell-sdk";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { PageInfo } from "./connection";

export interface UsageCount {
  count: number;
  bytes: number;
}

export interface StorageUsage {
  avatar: UsageCount;
  cover: UsageCount;
  post: UsageCount;
  total: UsageCount;
  stored: UsageCount;
}

export interface OrphanImage {
  id: string;
  url: string;
  purpose: "AVATAR" | "COVER" | "POST";
  ownerId: string;
  bytes: number;
  createdAt: string;
}

interface OrphanPage {
  edges: Array<{ cursor: string; node: OrphanImage }>;
  pageInfo: PageInfo;
  totalCount: number;
  totalBytes: number;
}

export interface CleanOrphansResult {
  deleted: string[];
  kept: string[];
}

const USAGE = /* GraphQL */ `
  query AdminStorageUsage {
    storageUsage {
      avatar { count bytes }
      cover { count bytes }
      post { count bytes }
      total { count bytes }
      stored { count bytes }
    }
  }
`;

const ORPHANS = /* GraphQL */ `
  query AdminOrphanImages($first: Int!, $after: String) {
    orphanImages(first: $first, after: $after) {
      edges { cursor node { id url purpose ownerId bytes createdAt } }
      pageInfo { hasNextPage endCursor }
      totalCount
      totalBytes
    }
  }
`;

const CLEAN = /* GraphQL */ `
  mutation AdminCleanOrphanImages($minAgeMinutes: Int!) {
    cleanOrphanImages(minAgeMinutes: $minAgeMinutes) { deleted kept }
  }
`;

const ORPHAN_PAGE_SIZE = 24;

export function useStorageUsage() {
  return useQuery({
    queryKey: ["admin", "storage", "usage"],
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ storageUsage: StorageUsage }>(USAGE, undefined, { signal })).storageUsage,
  });
}

export function useOrphanImages() {
  const query = useInfiniteQuery<
    OrphanPage,
    Error,
    InfiniteData<OrphanPage, string | null>,
    string[],
    string | null
  >({
    queryKey: ["admin", "storage", "orphans"],
    initialPageParam: null,
    queryFn: async ({ pageParam, signal }) =>
      (
        await graphqlRequest<{ orphanImages: OrphanPage }, { first: number; after: string | null }>(
          ORPHANS,
          { first: ORPHAN_PAGE_SIZE, after: pageParam },
          { signal },
        )
      ).orphanImages,
    getNextPageParam: (last) =>
      last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? undefined) : undefined,
  });
  const first = query.data?.pages[0];
  return {
    query,
    items: query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [],
    totalCount: first?.totalCount ?? 0,
    totalBytes: first?.totalBytes ?? 0,
  };
}

export function useCleanOrphans() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (minAgeMinutes: number) =>
      (
        await graphqlRequest<{ cleanOrphanImages: CleanOrphansResult }, { minAgeMinutes: number }>(CLEAN, {
          minAgeMinutes,
        })
      ).cleanOrphanImages,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["admin", "storage"] }),
  });
}
