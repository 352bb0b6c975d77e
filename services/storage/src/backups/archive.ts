import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { type ServiceBackup, serviceBackupSchema } from "@quire/service-kit";
import { z } from "zod";

/** Every service whose data a backup holds, in the order they are backed up and restored. */
export const BACKED_UP_SERVICES = ["auth", "blog", "content", "page", "analytics", "storage"] as const;
export type BackedUpService = (typeof BACKED_UP_SERVICES)[number];

export const ARCHIVE_FORMAT = "quire-backup/1";

export const backupArchiveSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  createdAt: z.string(),
  description: z.string(),
  services: z.array(serviceBackupSchema),
});
export type BackupArchive = z.infer<typeof backupArchiveSchema>;

/** An archive that cannot be restored; its message says why, for the job's error. */
export class InvalidArchiveError extends Error {}

export const backupObjectKey = (backupId: string) => `backups/${backupId}.json.gz`;

export async function encodeArchive(archive: BackupArchive): Promise<Buffer> {
  return promisify(gzip)(Buffer.from(JSON.stringify(archive)));
}

/** The archive's service backups by service, once every part of it has been checked. */
export async function decodeArchive(bytes: Buffer): Promise<Map<BackedUpService, ServiceBackup>> {
  let text: string;
  try {
    text = (await promisify(gunzip)(bytes)).toString("utf8");
  } catch {
    throw new InvalidArchiveError("The archive is not a gzip file");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InvalidArchiveError("The archive does not hold valid JSON");
  }
  const parsed = backupArchiveSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InvalidArchiveError(
      `The archive is not a ${ARCHIVE_FORMAT} backup (${issue?.path.join(".") || "root"}: ${issue?.message})`,
    );
  }
  const byService = new Map<BackedUpService, ServiceBackup>();
  for (const part of parsed.data.services) {
    if (!(BACKED_UP_SERVICES as readonly string[]).includes(part.service)) {
      throw new InvalidArchiveError(`The archive holds an unknown service: ${part.service}`);
    }
    if (byService.has(part.service as BackedUpService)) {
      throw new InvalidArchiveError(`The archive holds ${part.service} twice`);
    }
    byService.set(part.service as BackedUpService, part);
  }
  const missing = BACKED_UP_SERVICES.filter((s) => !byService.has(s));
  if (missing.length) throw new InvalidArchiveError(`The archive lacks ${missing.join(", ")}`);
  return byService;
}
