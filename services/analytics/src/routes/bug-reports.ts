import { randomUUID } from "node:crypto";
import {
  type BugReportDetail,
  bugReportDetail,
  bugReportListQuery,
  bugReportPage,
  bugReportResponseRequest,
  createBugReportRequest,
} from "@quire/contracts";
import {
  type App,
  notFound,
  rateLimit,
  requireAdmin,
  type ServiceContext,
  timeCursor,
} from "@quire/service-kit";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type BugReportRow, bugReports } from "../schema";

const iso = (value: string | null) => (value ? new Date(value).toISOString() : null);

function toSummary(row: BugReportRow) {
  return {
    id: row.id,
    title: row.title,
    category: row.category,
    priority: row.priority,
    status: row.status,
    reply: row.reply,
    repliedAt: iso(row.repliedAt),
    createdAt: iso(row.createdAt)!,
  };
}

/** The description and email are for the reporter and admins only. */
function toDetail(row: BugReportRow, reader: { userId: string; role: string } | null): BugReportDetail {
  const privileged = reader !== null && (reader.role === "ADMIN" || reader.userId === row.reporterId);
  return {
    ...toSummary(row),
    description: privileged ? row.description : null,
    email: privileged ? row.email : null,
    reporterId: privileged ? row.reporterId : null,
  };
}

const idParams = z.object({ id: z.string().min(1).max(100) });

export function registerBugReportRoutes(app: App, ctx: ServiceContext): void {
  app.post(
    "/v1/bug-reports",
    {
      schema: { body: createBugReportRequest, response: { 201: bugReportDetail } },
      config: { rateLimit: rateLimit(ctx.config, 20, "1 minute") },
    },
    async (req, reply) => {
      const now = new Date().toISOString();
      const [row] = await ctx.db
        .insert(bugReports)
        .values({
          id: randomUUID(),
          title: req.body.title,
          category: req.body.category,
          priority: req.body.priority,
          description: req.body.description,
          email: req.body.email ?? null,
          reporterId: req.identity?.userId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      // The reporter always sees what they filed, signed in or not.
      return reply
        .status(201)
        .send({ ...toDetail(row!, null), description: row!.description, email: row!.email });
    },
  );

  app.get(
    "/v1/bug-reports",
    { schema: { querystring: bugReportListQuery, response: { 200: bugReportPage } } },
    async (req) => {
      const conditions: SQL[] = [];
      if (req.query.status) conditions.push(eq(bugReports.status, req.query.status));
      if (req.query.after) {
        const c = timeCursor.decode(req.query.after);
        conditions.push(sql`(${bugReports.createdAt}, ${bugReports.id}) < (${c.at}, ${c.id})`);
      }
      const rows = await ctx.db
        .select()
        .from(bugReports)
        .where(and(...conditions))
        .orderBy(desc(bugReports.createdAt), desc(bugReports.id))
        .limit(req.query.first + 1);
      const page = rows.slice(0, req.query.first);
      const last = page.at(-1);
      return {
        items: page.map((r) => ({ ...toSummary(r), cursor: timeCursor.encode(r.createdAt, r.id) })),
        pageInfo: {
          hasNextPage: rows.length > req.query.first,
          endCursor: last ? timeCursor.encode(last.createdAt, last.id) : null,
        },
      };
    },
  );

  app.get(
    "/v1/bug-reports/:id",
    { schema: { params: idParams, response: { 200: bugReportDetail } } },
    async (req) => {
      const [row] = await ctx.db.select().from(bugReports).where(eq(bugReports.id, req.params.id));
      if (!row) throw notFound("No such bug report");
      return toDetail(row, req.identity);
    },
  );

  app.post(
    "/v1/bug-reports/:id/response",
    { schema: { params: idParams, body: bugReportResponseRequest, response: { 200: bugReportDetail } } },
    async (req) => {
      const admin = requireAdmin(req);
      const now = new Date().toISOString();
      const [row] = await ctx.db
        .update(bugReports)
        .set({ reply: req.body.reply, status: req.body.status, repliedAt: now, updatedAt: now })
        .where(eq(bugReports.id, req.params.id))
        .returning();
      if (!row) throw notFound("No such bug report");
      return toDetail(row, admin);
    },
  );
}
