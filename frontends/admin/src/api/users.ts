import { graphqlRequest } from "@quire/shell-sdk";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type Connection, PAGE_SIZE, useConnection } from "./connection";

export type Role = "USER" | "ADMIN";
export type UserStatus = "ACTIVE" | "SUSPENDED";
export type SignupPeriod = "DAILY" | "WEEKLY" | "MONTHLY";

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  avatarUrl: string | null;
  role: Role;
  status: UserStatus;
  createdAt: string;
}

export interface UserFilter {
  q?: string | null;
  role?: Role | null;
  status?: UserStatus | null;
}

export interface UserStats {
  period: SignupPeriod;
  trend: Array<{ bucket: string; signups: number }>;
  weekdays: Array<{ weekday: number; signups: number }>;
  totals: { users: number; admins: number; suspended: number };
}

const LIST = /* GraphQL */ `
  query AdminUsers($filter: UserFilter, $first: Int!, $after: String) {
    users(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id email name avatarUrl role status createdAt } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
`;

const STATS = /* GraphQL */ `
  query AdminUserStats($period: SignupPeriod!) {
    userStats(period: $period) {
      period
      trend { bucket signups }
      weekdays { weekday signups }
      totals { users admins suspended }
    }
  }
`;

const SET_STATUS = /* GraphQL */ `
  mutation AdminSetUserStatus($id: ID!, $status: UserStatus!) {
    setUserStatus(id: $id, status: $status) { id email name avatarUrl role status createdAt }
  }
`;

const SET_ROLE = /* GraphQL */ `
  mutation AdminSetUserRole($id: ID!, $role: Role!) {
    setUserRole(id: $id, role: $role) { id email name avatarUrl role status createdAt }
  }
`;

export function useUsers(filter: UserFilter) {
  return useConnection<AdminUser>(["admin", "users", "list", filter], async (after, signal) => {
    const data = await graphqlRequest<
      { users: Connection<AdminUser> },
      { filter: UserFilter; first: number; after: string | null }
    >(LIST, { filter, first: PAGE_SIZE, after }, { signal });
    return data.users;
  });
}

export function useUserStats(period: SignupPeriod) {
  return useQuery({
    queryKey: ["admin", "users", "stats", period],
    queryFn: async ({ signal }) =>
      (
        await graphqlRequest<{ userStats: UserStats }, { period: SignupPeriod }>(
          STATS,
          { period },
          { signal },
        )
      ).userStats,
  });
}

export function useSetUserStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { id: string; status: UserStatus }) =>
      (await graphqlRequest<{ setUserStatus: AdminUser }, typeof vars>(SET_STATUS, vars)).setUserStatus,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "users"] }),
  });
}

export function useSetUserRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (vars: { id: string; role: Role }) =>
      (await graphqlRequest<{ setUserRole: AdminUser }, typeof vars>(SET_ROLE, vars)).setUserRole,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["admin", "users"] }),
  });
}
