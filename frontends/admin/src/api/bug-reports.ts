import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type Connection, PAGE_SIZE, useConnection } from "./connection";

export const BUG_STATUSES = [
  { value: "OPEN", label: "Open" },
  { value: "IN_PROGRESS", label: "In progress" },
  { value: "RESOLVED", label: "Resolved" },
  { value: "CLOSED", label: "Closed" },
] as const;

export type BugStatus = (typeof BUG_STATUSES)[number]["value"];

export const BUG_CATEGORIES: Record<string, string> = {
  UI: "User interface",
  FUNCTIONAL: "Something does not work",
  PERFORMANCE: "Slow or unresponsive",
  SECURITY: "Security",
  ETC: "Something else",
};

export interface BugReportSummary {
  id: string;
  title: string;
  category: string;
  priority: string;
  status: BugStatus;
  reply: string | null;
  repliedAt: string | null;
  createdAt: string;
}

export interface BugReportDetail extends BugReportSummary {
  description: string | null;
  email: string | null;
}

const LIST = /* GraphQL */ `
  query AdminBugReports($first: Int!, $after: String, $status: BugStatus) {
    bugReports(first: $first, after: $after, status: $status) {
      edges { cursor node { id title category priority status reply repliedAt createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const DETAIL = /* GraphQL */ `
  query AdminBugReport($id: ID!) {
    bugReport(id: $id) { id title category priority status reply repliedAt createdAt description email }
  }
`;

const RESPOND = /* GraphQL */ `
  mutation AdminRespondToBugReport($id: ID!, $input: BugReportResponseInput!) {
    respondToBugReport(id: $id, input: $input) {
      id title category priority status reply repliedAt createdAt description email
    }
  }
`;

export function useAdminBugReports(status: BugStatus | null) {
  return useConnection<BugReportSummary>(
    ["admin", "bug-reports", "list", { status }],
    async (after, signal) => {
      const data = await graphqlRequest<
        { bugReports: Connection<BugReportSummary> },
        { first: number; after: string | null; status: BugStatus | null }
      >(LIST, { first: PAGE_SIZE, after, status }, { signal });
      return data.bugReports;
    },
  );
}

export function useAdminBugReport(id: string) {
  return useQuery({
    queryKey: ["admin", "bug-reports", "detail", id],
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ bugReport: BugReportDetail | null }, { id: string }>(
          DETAIL,
          { id },
          { signal },
        )
      ).bugReport,
  });
}

export function useRespondToBugReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { id: string; input: { reply: string; status: BugStatus } }) =>
      (await graphqlRequest<{ respondToBugReport: BugReportDetail }, typeof vars>(RESPOND, vars))
        .respondToBugReport,
    onSuccess: (report) => {
      queryClient.setQueryData(["admin", "bug-reports", "detail", report.id], report);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: ["admin", "bug-reports", "list"] }),
        queryClient.invalidateQueries({ queryKey: ["user", "bugReports"] }),
      ]);
    },
  });
}
