import { backupJobResponse, backupJobView, backupList, createBackupRequest } from "@quire/contracts";
import { type App, conflict, notFound, requireAdmin, type ServiceContext } from "@quire/service-kit";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { BackupJobs } from "../backups/jobs";
import { type BackupJobRow, type BackupRow, backupJobs, backups } from "../schema";
import type { ObjectStore } from "../storage";

const idParams = z.object({ id: z.string().min(1).max(100) });
const iso = (value: string) => new Date(value).toISOString();

const toBackupView = (row: BackupRow) => ({
  id: row.id,
  description: row.description,
  createdBy: row.createdBy,
  createdAt: iso(row.createdAt),
  bytes: Number(row.bytes),
  services: row.services,
});

export const toJobView = (row: BackupJobRow) => ({
  id: row.id,
  kind: row.kind,
  backupId: row.backupId,
  status: row.status,
  progress: row.progress,
  step: row.step,
  error: row.error,
  startedAt: iso(row.startedAt),
  finishedAt: row.finishedAt ? iso(row.finishedAt) : null,
});

export function registerBackupRoutes(app: App, ctx: ServiceContext, store: ObjectStore, jobs: BackupJobs) {
  app.post(
    "/v1/admin/backups",
    { schema: { body: createBackupRequest, response: { 202: backupJobResponse } } },
    async (req, reply) => {
      const admin = requireAdmin(req);
      const job = await jobs.startBackup(req.body.description, admin.userId);
      return reply.status(202).send({ job: toJobView(job) });
    },
  );

  app.get("/v1/admin/backups", { schema: { response: { 200: backupList } } }, async (req) => {
    requireAdmin(req);
    const rows = await ctx.db.select().from(backups).orderBy(desc(backups.createdAt), desc(backups.id));
    return { items: rows.map(toBackupView) };
  });

  app.get(
    "/v1/admin/backup-jobs",
    { schema: { response: { 200: z.object({ items: z.array(backupJobView) }) } } },
    async (req) => {
      requireAdmin(req);
      const rows = await ctx.db
        .select()
        .from(backupJobs)
        .orderBy(desc(backupJobs.startedAt), desc(backupJobs.id))
        .limit(20);
      return { items: rows.map(toJobView) };
    },
  );

  app.get(
    "/v1/admin/backup-jobs/:id",
    { schema: { params: idParams, response: { 200: backupJobResponse } } },
    async (req) => {
      requireAdmin(req);
      const [row] = await ctx.db.select().from(backupJobs).where(eq(backupJobs.id, req.params.id));
      if (!row) throw notFound("No such job");
      return { job: toJobView(row) };
    },
  );

  app.get("/v1/admin/backups/:id/download", { schema: { params: idParams } }, async (req, reply) => {
    requireAdmin(req);
    const [row] = await ctx.db.select().from(backups).where(eq(backups.id, req.params.id));
    if (!row) throw notFound("No such backup");
    const object = await store.get(row.objectKey);
    if (!object) throw notFound("The archive of this backup is missing from the object store");
    const day = iso(row.createdAt).slice(0, 10);
    return reply
      .header("content-type", "application/gzip")
      .header("content-disposition", `attachment; filename="quire-backup-${day}-${row.id}.json.gz"`)
      .header("cache-control", "no-store")
      .send(object.bytes);
  });

  app.delete("/v1/admin/backups/:id", { schema: { params: idParams } }, async (req, reply) => {
    requireAdmin(req);
    const row = await ctx.db.transaction(async (tx) => {
      const [found] = await tx.select().from(backups).where(eq(backups.id, req.params.id)).for("update");
      if (!found) throw notFound("No such backup");
      const [job] = await tx
        .select()
        .from(backupJobs)
        .where(and(eq(backupJobs.backupId, found.id), eq(backupJobs.status, "RUNNING")));
      if (job) throw conflict("This backup is being restored; delete it once the restore has finished");
      await tx.delete(backups).where(eq(backups.id, found.id));
      return found;
    });
    // The row goes first: an archive left behind by a failed delete is harmless, a row without one is not.
    await store
      .delete(row.objectKey)
      .catch((error) => req.log.warn({ err: error, key: row.objectKey }, "backup archive not deleted"));
    return reply.status(204).send();
  });

  app.post(
    "/v1/admin/backups/:id/restore",
    { schema: { params: idParams, response: { 202: backupJobResponse } } },
    async (req, reply) => {
      requireAdmin(req);
      const job = await jobs.startRestore(req.params.id);
      return reply.status(202).send({ job: toJobView(job) });
    },
  );
}
