// API schemas of the analytics service (requests and responses), shared by the service and the BFF.
import { z } from "zod";

export const recordViewRequest = z.object({ postId: z.string().min(1).max(100) }).strict();
export const recordViewResponse = z.object({ counted: z.boolean(), viewCount: z.number().int() });

export const recordVisitResponse = z.object({ counted: z.boolean() });
export const visitorCounts = z.object({
  today: z.number().int(),
  yesterday: z.number().int(),
  total: z.number().int(),
});

export const bugCategorySchema = z.enum(["UI", "FUNCTIONAL", "PERFORMANCE", "SECURITY", "ETC"]);
export const bugPrioritySchema = z.enum(["LOW", "MEDIUM", "HIGH"]);
export const bugStatusSchema = z.enum(["OPEN", "IN_PROGRESS", "RESOLVED", "CLOSED"]);

export const createBugReportRequest = z
  .object({
    title: z.string().trim().min(1, "Enter a title").max(100),
    category: bugCategorySchema,
    priority: bugPrioritySchema.default("MEDIUM"),
    description: z.string().trim().min(1, "Describe the problem").max(5000),
    email: z.email().max(200).optional(),
  })
  .strict();

export const bugReportListQuery = z.object({
  first: z.coerce.number().int().min(1).max(100).default(20),
  after: z.string().max(300).optional(),
  status: bugStatusSchema.optional(),
});

/** What everyone sees of a report: no email, no description. */
export const bugReportSummary = z.object({
  id: z.string(),
  title: z.string(),
  category: bugCategorySchema,
  priority: bugPrioritySchema,
  status: bugStatusSchema,
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  createdAt: z.string(),
});

/** `description` and `email` are null unless the reader is the reporter or an admin. */
export const bugReportDetail = bugReportSummary.extend({
  description: z.string().nullable(),
  email: z.string().nullable(),
  reporterId: z.string().nullable(),
});

export const bugReportPage = z.object({
  items: z.array(bugReportSummary.extend({ cursor: z.string() })),
  pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
});

export const bugReportResponseRequest = z
  .object({ reply: z.string().trim().min(1).max(5000), status: bugStatusSchema })
  .strict();

const dayPoint = z.object({ day: z.string(), views: z.number().int(), visitors: z.number().int() });

export const dashboard = z.object({
  totals: z.object({
    posts: z.object({ public: z.number().int(), private: z.number().int(), draft: z.number().int() }),
    views: z.number().int(),
    likes: z.number().int(),
    comments: z.number().int(),
    users: z.number().int(),
    visitors: z.number().int(),
    openBugReports: z.number().int(),
  }),
  series: z.object({
    days7: z.array(dayPoint.extend({ signups: z.number().int() })),
    days30: z.array(dayPoint.extend({ signups: z.number().int() })),
  }),
  recentSignups: z.array(z.object({ id: z.string(), name: z.string(), registeredAt: z.string() })),
});

export type RecordViewResponse = z.infer<typeof recordViewResponse>;
export type CreateBugReportRequest = z.infer<typeof createBugReportRequest>;
export type BugReportDetail = z.infer<typeof bugReportDetail>;
export type Dashboard = z.infer<typeof dashboard>;
