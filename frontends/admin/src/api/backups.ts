import { graphqlRequest } from "@quire/shell-sdk";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { PageInfo } from "./connection";

export type BackupJobStatus = "RUNNING" | "SUCCEEDED" | "FAILED";

export interface Backup {
  id: string;
  description: string;
  createdBy: string;
  createdAt: string;
  bytes: number;
  services: string[];
}

export interface BackupJob {
  id: string;
  kind: "BACKUP" | "RESTORE";
  backupId: string;
  status: BackupJobStatus;
  progress: number;
  step: string;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface BackupPage {
  edges: Array<{ cursor: string; node: Backup }>;
  pageInfo: PageInfo;
  jobs: BackupJob[];
}

const LIST = /* GraphQL */ `
  query AdminBackups($first: Int!, $after: String) {
    backups(first: $first, after: $after) {
      edges { cursor node { id description createdBy createdAt bytes services } }
      pageInfo { hasNextPage endCursor }
      jobs { id kind backupId status progress step error startedAt finishedAt }
    }
  }
`;

const JOB = /* GraphQL */ `
  query AdminBackupJob($id: ID!) {
    backupJob(id: $id) { id kind backupId status progress step error startedAt finishedAt }
  }
`;

const CREATE = /* GraphQL */ `
  mutation AdminCreateBackup($description: String) {
    createBackup(description: $description) { id kind backupId status progress step error startedAt finishedAt }
  }
`;

const RESTORE = /* GraphQL */ `
  mutation AdminRestoreBackup($id: ID!) {
    restoreBackup(id: $id) { id kind backupId status progress step error startedAt finishedAt }
  }
`;

const DELETE = /* GraphQL */ `
  mutation AdminDeleteBackup($id: ID!) {
    deleteBackup(id: $id)
  }
`;

export function useBackups() {
  const query = useInfiniteQuery<
    BackupPage,
    Error,
    InfiniteData<BackupPage, string | null>,
    string[],
    string | null
  >({
    queryKey: ["admin", "backups"],
    initialPageParam: null,
    queryFn: async ({ pageParam, signal }) =>
      (
        await graphqlRequest<{ backups: BackupPage }, { first: number; after: string | null }>(
          LIST,
          { first: 20, after: pageParam },
          { signal },
        )
      ).backups,
    getNextPageParam: (last) =>
      last.pageInfo.hasNextPage ? (last.pageInfo.endCursor ?? undefined) : undefined,
  });
  return {
    query,
    items: query.data?.pages.flatMap((page) => page.edges.map((edge) => edge.node)) ?? [],
    jobs: query.data?.pages[0]?.jobs ?? [],
  };
}

/** Polls a running job every second until it ends. */
export function useBackupJob(id: string | null) {
  return useQuery({
    queryKey: ["admin", "backup-job", id],
    enabled: id != null,
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ backupJob: BackupJob | null }, { id: string }>(
          JOB,
          { id: id ?? "" },
          { signal },
        )
      ).backupJob,
    // Until the first answer, and while it runs; a job the service no longer knows (null) is not polled.
    refetchInterval: (query) => {
      const job = query.state.data;
      return job === undefined || job?.status === "RUNNING" ? 1000 : false;
    },
  });
}

export function useCreateBackup() {
  return useMutation({
    mutationFn: async (description: string | null) =>
      (
        await graphqlRequest<{ createBackup: BackupJob }, { description: string | null }>(CREATE, {
          description,
        })
      ).createBackup,
  });
}

export function useRestoreBackup() {
  return useMutation({
    mutationFn: async (id: string) =>
      (await graphqlRequest<{ restoreBackup: BackupJob }, { id: string }>(RESTORE, { id })).restoreBackup,
  });
}

export function useDeleteBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      await graphqlRequest<{ deleteBackup: boolean }, { id: string }>(DELETE, { id });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "backups"] }),
  });
}
