import { graphqlRequest, useCursorList } from "@quire/shell-sdk";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Connection } from "./account";

export const BUG_CATEGORIES = [
  { value: "UI", label: "User interface" },
  { value: "FUNCTIONAL", label: "Something does not work" },
  { value: "PERFORMANCE", label: "Slow or unresponsive" },
  { value: "SECURITY", label: "Security" },
  { value: "ETC", label: "Something else" },
] as const;

export const BUG_PRIORITIES = [
  { value: "LOW", label: "Low" },
  { value: "MEDIUM", label: "Medium" },
  { value: "HIGH", label: "High" },
] as const;

export const BUG_STATUSES = [
  { value: "OPEN", label: "Open" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "RESOLVED", label: "Resolved" },
  { value: "CLOSED", label: "Closed" },
] as const;

export interface BugReportInput {
  title: string;
  category: string;
  priority: string;
  description: string;
  email?: string;
}

export interface BugReportSummary {
  id: string;
  title: string;
  category: string;
  priority: string;
  status: string;
  reply: string | null;
  createdAt: string;
}

const CREATE = /* GraphQL */ `
  mutation UserCreateBugReport($input: BugReportInput!) {
    createBugReport(input: $input) { id title status }
  }
`;

const LIST = /* GraphQL */ `
  query UserBugReports($first: Int!, $after: String, $status: BugStatus) {
    bugReports(first: $first, after: $after, status: $status) {
      edges { cursor node { id title category priority status reply createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

export const PAGE_SIZE = 20;

export function useCreateBugReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: BugReportInput) =>
      (
        await graphqlRequest<
          { createBugReport: { id: string; title: string; status: string } },
          { input: BugReportInput }
        >(CREATE, { input })
      ).createBugReport,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["user", "bugReports"] }),
  });
}

export function useBugReports(status: string | null) {
  return useCursorList<BugReportSummary, Connection<BugReportSummary>>({
    queryKey: ["user", "bugReports", { first: PAGE_SIZE, status }],
    fetchPage: async (after, signal) =>
      (
        await graphqlRequest<
          { bugReports: Connection<BugReportSummary> },
          { first: number; after: string | null; status: string | null }
        >(LIST, { first: PAGE_SIZE, after, status }, { signal })
      ).bugReports,
  });
}
