import { graphqlRequest } from "@quire/shell-sdk";
import { useQuery } from "@tanstack/react-query";

export interface DayStats {
  day: string;
  views: number;
  visitors: number;
  signups: number;
}

export interface DashboardPost {
  id: string;
  slug: string;
  title: string;
  status: string;
  publishedAt: string | null;
  updatedAt: string | null;
  viewCount: number;
  likeCount: number;
  commentCount: number;
}

export interface DashboardComment {
  id: string;
  content: string | null;
  deleted: boolean;
  status: string;
  createdAt: string;
  author: { name: string; guest: boolean } | null;
  post: { id: string; slug: string; title: string } | null;
}

export interface UsageCount {
  count: number;
  bytes: number;
}

export interface AdminDashboard {
  totals: {
    posts: { public: number; private: number; draft: number };
    views: number;
    likes: number;
    comments: number;
    users: number;
    visitors: number;
    openBugReports: number;
  } | null;
  today: DayStats | null;
  series7: DayStats[] | null;
  series30: DayStats[] | null;
  popularPosts: DashboardPost[] | null;
  recentPosts: DashboardPost[] | null;
  recentDrafts: DashboardPost[] | null;
  recentComments: DashboardComment[] | null;
  storage: { total: UsageCount } | null;
}

/** Dead letters are counted from the listed ones, up to this many per service. */
export const HEALTH_DEAD_LETTER_LIMIT = 100;

export interface PipelineHealth {
  totalBacklog: number;
  totalDeadLetters: number;
  services: Array<{ service: string; available: boolean; deadLetters: Array<{ id: string }> | null }>;
}

const DASHBOARD = /* GraphQL */ `
  query AdminDashboard {
    adminDashboard {
      totals {
        posts { public private draft }
        views likes comments users visitors openBugReports
      }
      today { day views visitors signups }
      series7 { day views visitors signups }
      series30 { day views visitors signups }
      popularPosts { id slug title status publishedAt updatedAt viewCount likeCount commentCount }
      recentPosts { id slug title status publishedAt updatedAt viewCount likeCount commentCount }
      recentDrafts { id slug title status publishedAt updatedAt viewCount likeCount commentCount }
      recentComments {
        id content deleted status createdAt
        author { name guest }
        post { id slug title }
      }
      storage { total { count bytes } }
    }
  }
`;

const PIPELINE_HEALTH = /* GraphQL */ `
  query AdminPipelineHealth {
    eventPipeline(deadLetterLimit: 100) {
      totalBacklog
      totalDeadLetters
      services { service available deadLetters { id } }
    }
  }
`;

/**
 * The dashboard answers with a partial result when a service is down: its widget is null and the others
 * still show, so this returns the data with the names of the failed fields.
 */
export function useDashboard() {
  return useQuery({
    queryKey: ["admin", "dashboard"],
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ adminDashboard: AdminDashboard }>(DASHBOARD, undefined, { signal }))
        .adminDashboard,
  });
}

export function usePipelineHealth() {
  return useQuery({
    queryKey: ["admin", "pipeline-health"],
    queryFn: async ({ signal }) =>
      (await graphqlRequest<{ eventPipeline: PipelineHealth }>(PIPELINE_HEALTH, undefined, { signal }))
        .eventPipeline,
  });
}
