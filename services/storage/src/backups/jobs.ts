import { randomUUID } from "node:crypto";
import {
  callInternal,
  conflict,
  exportServiceData,
  notFound,
  restoreServiceData,
  type ServiceBackup,
  type ServiceContext,
  serviceBackupSchema,
} from "@quire/service-kit";
import { and, eq, sql } from "drizzle-orm";
import { type BackupJobRow, backupJobs, backups } from "../schema";
import type { ObjectStore } from "../storage";
import {
  ARCHIVE_FORMAT,
  BACKED_UP_SERVICES,
  type BackedUpService,
  backupObjectKey,
  decodeArchive,
  encodeArchive,
} from "./archive";

/** Storage's own tables that no backup holds and no restore touches: the record of backups and jobs. */
export const BACKUP_CATALOGUE_TABLES = ["backups", "backup_jobs"];

/** A whole service's data moves in one call; generous, as it grows with the site. */
const SERVICE_CALL_TIMEOUT_MS = 120_000;
/** A RUNNING job not touched for this long belongs to a process that died; it no longer blocks new jobs. */
const STALE_JOB_MINUTES = 15;

type Report = (progress: number, step: string) => Promise<void>;

const percent = (done: number, total: number) => Math.min(100, Math.round((done / total) * 100));

const succeeded = (step: string) => ({
  status: "SUCCEEDED" as const,
  progress: 100,
  step,
  updatedAt: sql`now()`,
  finishedAt: sql`now()`,
});

/** An error's message; for a failed query, the database's reason only, as the query carries the data. */
function messageOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message.startsWith("Failed query") && error.cause instanceof Error) {
    return `the database refused the data: ${error.cause.message}`;
  }
  return error.message;
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Runs backups and restores in the background, one at a time, recording progress in `backup_jobs`. Peers are
 * reached over their `/internal/backup` and `/internal/restore`; storage's own data directly.
 */
export class BackupJobs {
  private running: Promise<void> | null = null;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly store: ObjectStore,
  ) {}

  async startBackup(description: string, createdBy: string): Promise<BackupJobRow> {
    const backupId = randomUUID();
    const job = await this.open("BACKUP", backupId, "Starting the backup");
    this.launch(job, (report) => this.backup(job, description, createdBy, report));
    return job;
  }

  async startRestore(backupId: string): Promise<BackupJobRow> {
    const [backup] = await this.ctx.db.select().from(backups).where(eq(backups.id, backupId));
    if (!backup) throw notFound("No such backup");
    const job = await this.open("RESTORE", backupId, "Starting the restore");
    this.launch(job, (report) => this.restore(job, backup.objectKey, report));
    return job;
  }

  /** Resolves once the job in progress, if any, has finished; for a graceful shutdown. */
  async drain(): Promise<void> {
    await this.running;
  }

  /** Records a RUNNING job; the partial unique index refuses a second one, even from another replica. */
  private async open(kind: BackupJobRow["kind"], backupId: string, step: string): Promise<BackupJobRow> {
    const busy = () => conflict("A backup or restore is already running; wait for it to finish");
    try {
      return await this.ctx.db.transaction(async (tx) => {
        await tx
          .update(backupJobs)
          .set({
            status: "FAILED",
            error: "Interrupted: the service stopped while the job ran",
            finishedAt: sql`now()`,
          })
          .where(
            and(
              eq(backupJobs.status, "RUNNING"),
              sql`${backupJobs.updatedAt} < now() - make_interval(mins => ${STALE_JOB_MINUTES})`,
            ),
          );
        const [running] = await tx.select().from(backupJobs).where(eq(backupJobs.status, "RUNNING"));
        if (running) throw busy();
        const [job] = await tx
          .insert(backupJobs)
          .values({ id: randomUUID(), kind, backupId, status: "RUNNING", progress: 0, step })
          .returning();
        return job!;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw busy();
      throw error;
    }
  }

  private launch(job: BackupJobRow, work: (report: Report) => Promise<void>): void {
    const report: Report = async (progress, step) => {
      await this.ctx.db
        .update(backupJobs)
        .set({ progress, step, updatedAt: sql`now()` })
        .where(eq(backupJobs.id, job.id));
    };
    this.running = (async () => {
      try {
        await work(report);
      } catch (error) {
        // The message only: a failed query's error would carry the rows, password hashes included.
        this.ctx.log.warn({ error: messageOf(error), jobId: job.id, kind: job.kind }, "backup job failed");
        await this.ctx.db
          .update(backupJobs)
          .set({ status: "FAILED", error: messageOf(error), updatedAt: sql`now()`, finishedAt: sql`now()` })
          .where(eq(backupJobs.id, job.id))
          .catch((e) => this.ctx.log.error({ err: e, jobId: job.id }, "backup job outcome not recorded"));
      }
    })().finally(() => {
      this.running = null;
    });
  }

  private async exportService(service: BackedUpService): Promise<ServiceBackup> {
    if (service === "storage") {
      return exportServiceData("storage", this.ctx.database, { excludedTables: BACKUP_CATALOGUE_TABLES });
    }
    let answer: unknown;
    try {
      answer = await callInternal<unknown>(this.ctx.config, service, "/internal/backup", {
        timeoutMs: SERVICE_CALL_TIMEOUT_MS,
        retries: 1,
      });
    } catch (error) {
      throw new Error(`Could not read the data of ${service}: ${messageOf(error)}`);
    }
    const parsed = serviceBackupSchema.safeParse(answer);
    if (!parsed.success || parsed.data.service !== service) {
      throw new Error(
        `Could not read the data of ${service}: it answered with something other than its backup`,
      );
    }
    return parsed.data;
  }

  private async importService(service: BackedUpService, backup: ServiceBackup): Promise<void> {
    if (service === "storage") {
      await restoreServiceData("storage", this.ctx.database, backup, {
        excludedTables: BACKUP_CATALOGUE_TABLES,
      });
      return;
    }
    await callInternal(this.ctx.config, service, "/internal/restore", {
      method: "POST",
      body: backup,
      timeoutMs: SERVICE_CALL_TIMEOUT_MS,
      retries: 1,
    });
  }

  private async backup(job: BackupJobRow, description: string, createdBy: string, report: Report) {
    const steps = BACKED_UP_SERVICES.length + 1;
    const parts: ServiceBackup[] = [];
    for (const [i, service] of BACKED_UP_SERVICES.entries()) {
      await report(percent(i, steps), `Backing up ${service}`);
      parts.push(await this.exportService(service));
    }
    await report(percent(steps - 1, steps), "Writing the archive");
    const createdAt = new Date().toISOString();
    const bytes = await encodeArchive({ format: ARCHIVE_FORMAT, createdAt, description, services: parts });
    const key = backupObjectKey(job.backupId);
    try {
      await this.store.put(key, bytes, "application/gzip");
      await this.ctx.db.transaction(async (tx) => {
        await tx.insert(backups).values({
          id: job.backupId,
          description,
          createdBy,
          createdAt,
          objectKey: key,
          bytes: bytes.length,
          services: [...BACKED_UP_SERVICES],
        });
        await tx
          .update(backupJobs)
          .set(succeeded(`Backed up ${BACKED_UP_SERVICES.join(", ")}`))
          .where(eq(backupJobs.id, job.id));
      });
    } catch (error) {
      // No row may point at a partial archive, and no archive may exist without its row.
      await this.store
        .delete(key)
        .catch((e) => this.ctx.log.warn({ err: e, key }, "partial backup archive not removed"));
      throw new Error(`Could not store the backup archive: ${messageOf(error)}`);
    }
  }

  /**
   * Checks the whole archive and every service's schema before changing anything; if a service then fails,
   * the services already restored are put back as they were, so a failed restore changes nothing.
   */
  private async restore(job: BackupJobRow, objectKey: string, report: Report) {
    const n = BACKED_UP_SERVICES.length;
    const steps = 1 + 2 * n;
    await report(0, "Reading the archive");
    const object = await this.store.get(objectKey);
    if (!object) throw new Error("The archive of this backup is missing from the object store");
    const archive = await decodeArchive(object.bytes);

    const before = new Map<BackedUpService, ServiceBackup>();
    for (const [i, service] of BACKED_UP_SERVICES.entries()) {
      await report(percent(1 + i, steps), `Checking ${service}`);
      const current = await this.exportService(service);
      if (JSON.stringify(current.migrations) !== JSON.stringify(archive.get(service)!.migrations)) {
        throw new Error(`${service} has another schema version than the backup, so nothing was restored`);
      }
      before.set(service, current);
    }

    const restored: BackedUpService[] = [];
    for (const [i, service] of BACKED_UP_SERVICES.entries()) {
      await report(percent(1 + n + i, steps), `Restoring ${service}`);
      try {
        await this.importService(service, archive.get(service)!);
      } catch (error) {
        const rolledBack = await this.rollBack(restored, before);
        throw new Error(
          `Restoring ${service} failed (${messageOf(error)}); ${
            rolledBack
              ? "every service is as it was before the restore"
              : "some services could not be put back"
          }`,
        );
      }
      restored.push(service);
    }
    await this.ctx.db
      .update(backupJobs)
      .set(succeeded(`Restored ${BACKED_UP_SERVICES.join(", ")}`))
      .where(eq(backupJobs.id, job.id));
  }

  private async rollBack(services: BackedUpService[], before: Map<BackedUpService, ServiceBackup>) {
    let complete = true;
    for (const service of [...services].reverse()) {
      try {
        await this.importService(service, before.get(service)!);
      } catch (error) {
        complete = false;
        this.ctx.log.error(
          { error: messageOf(error), service },
          "service not put back after a failed restore",
        );
      }
    }
    return complete;
  }
}
