import {
  setUserRoleRequest,
  setUserStatusRequest,
  userListQuery,
  userPage,
  userResponse,
  userStatsQuery,
  userStatsResponse,
} from "@quire/contracts";
import {
  type App,
  appendEvent,
  badRequest,
  forbidden,
  notFound,
  requireAdmin,
  type ServiceContext,
  type Tx,
  timeCursor,
} from "@quire/service-kit";
import { and, desc, eq, ilike, lt, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { type UserRow, users } from "../schema";
import { revokeSessions } from "../sessions/revoke-sessions";
import { toUserResponse, toUserState } from "../users/user-state";

const idParams = z.object({ id: z.string().min(1).max(100) });

/** An admin may manage users and themselves only through their own profile; other admins are protected. */
async function loadTarget(tx: Tx, adminId: string, targetId: string): Promise<UserRow> {
  if (targetId === adminId) throw badRequest("You cannot change your own account here");
  const [target] = await tx.select().from(users).where(eq(users.id, targetId)).for("update");
  if (!target) throw notFound("No such user");
  if (target.role === "ADMIN") throw forbidden("Other admins are protected");
  return target;
}

export function registerAdminUserRoutes(app: App, ctx: ServiceContext): void {
  const timeZone = ctx.config.env.SITE_TIMEZONE ?? "Asia/Seoul";

  app.get(
    "/v1/admin/users",
    { schema: { querystring: userListQuery, response: { 200: userPage } } },
    async (req) => {
      requireAdmin(req);
      const { q, role, status, first, after } = req.query;
      const filters: SQL[] = [];
      if (q) {
        const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        filters.push(or(ilike(users.email, pattern), ilike(users.name, pattern)) as SQL);
      }
      if (role) filters.push(eq(users.role, role));
      if (status) filters.push(eq(users.status, status));
      const page = [...filters];
      if (after) {
        const { at, id } = timeCursor.decode(after);
        page.push(or(lt(users.createdAt, at), and(eq(users.createdAt, at), lt(users.id, id))) as SQL);
      }
      const rows = await ctx.db
        .select()
        .from(users)
        .where(and(...page))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(first + 1);
      const [count] = await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(users)
        .where(and(...filters));
      const items = rows.slice(0, first);
      return {
        items: items.map(toUserResponse),
        totalCount: count?.n ?? 0,
        pageInfo: {
          hasNextPage: rows.length > first,
          endCursor: items.length ? timeCursor.encode(items.at(-1)!.createdAt, items.at(-1)!.id) : null,
        },
      };
    },
  );

  app.put(
    "/v1/admin/users/:id/status",
    { schema: { params: idParams, body: setUserStatusRequest, response: { 200: userResponse } } },
    async (req) => {
      const admin = requireAdmin(req);
      return ctx.db.transaction(async (tx) => {
        const target = await loadTarget(tx, admin.userId, req.params.id);
        if (target.status === req.body.status) return toUserResponse(target);
        const [row] = await tx
          .update(users)
          .set({ status: req.body.status, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
          .where(eq(users.id, target.id))
          .returning();
        await appendEvent(tx, {
          type: "user.status.changed",
          aggregateId: row!.id,
          aggregateVersion: row!.version,
          payload: toUserState(row!),
        });
        if (req.body.status === "SUSPENDED") await revokeSessions(tx, row!.id, "SUSPENDED");
        return toUserResponse(row!);
      });
    },
  );

  app.put(
    "/v1/admin/users/:id/role",
    { schema: { params: idParams, body: setUserRoleRequest, response: { 200: userResponse } } },
    async (req) => {
      const admin = requireAdmin(req);
      return ctx.db.transaction(async (tx) => {
        const target = await loadTarget(tx, admin.userId, req.params.id);
        if (target.role === req.body.role) return toUserResponse(target);
        const [row] = await tx
          .update(users)
          .set({ role: req.body.role, version: sql`${users.version} + 1`, updatedAt: sql`now()` })
          .where(eq(users.id, target.id))
          .returning();
        await appendEvent(tx, {
          type: "user.role.changed",
          aggregateId: row!.id,
          aggregateVersion: row!.version,
          payload: toUserState(row!),
        });
        // Tokens carry the role: the old ones must go.
        await revokeSessions(tx, row!.id, "ROLE_CHANGED");
        return toUserResponse(row!);
      });
    },
  );

  app.delete(
    "/v1/admin/users/:id",
    { schema: { params: idParams, response: { 200: z.object({ id: z.string() }) } } },
    async (req) => {
      const admin = requireAdmin(req);
      return ctx.db.transaction(async (tx) => {
        const target = await loadTarget(tx, admin.userId, req.params.id);
        await revokeSessions(tx, target.id, "DELETED");
        await tx.delete(users).where(eq(users.id, target.id));
        await appendEvent(tx, {
          type: "user.deleted",
          aggregateId: target.id,
          aggregateVersion: target.version + 1,
          payload: { id: target.id },
        });
        return { id: target.id };
      });
    },
  );

  /** Sign-up trend (zero-filled buckets in the site's time zone) and the weekday pattern. */
  app.get(
    "/v1/admin/users/stats",
    { schema: { querystring: userStatsQuery, response: { 200: userStatsResponse } } },
    async (req) => {
      requireAdmin(req);
      const { period } = req.query;
      const unit = { daily: "day", weekly: "week", monthly: "month" }[period];
      const span = { daily: "29 days", weekly: "11 weeks", monthly: "11 months" }[period];
      const trend = await ctx.database.query<{ bucket: string; signups: number }>(
        `with buckets as (
           select generate_series(date_trunc($1, (now() at time zone $2) - $3::interval),
                                  date_trunc($1, now() at time zone $2), ('1 ' || $1)::interval) as bucket)
         select to_char(b.bucket, 'YYYY-MM-DD') as bucket,
                (select count(*)::int from users u
                  where date_trunc($1, u.created_at at time zone $2) = b.bucket) as signups
         from buckets b order by b.bucket`,
        [unit, timeZone, span],
      );
      const weekdays = await ctx.database.query<{ weekday: number; signups: number }>(
        `select d as weekday, (select count(*)::int from users u
           where extract(isodow from u.created_at at time zone $1) = d) as signups
         from generate_series(1, 7) d order by d`,
        [timeZone],
      );
      const [totals] = await ctx.database.query<{ users: number; admins: number; suspended: number }>(
        `select count(*)::int as users, count(*) filter (where role = 'ADMIN')::int as admins,
                count(*) filter (where status = 'SUSPENDED')::int as suspended from users`,
      );
      return { period, trend, weekdays, totals: totals ?? { users: 0, admins: 0, suspended: 0 } };
    },
  );
}
