import { FormData } from "undici";
import { requireIdentity } from "../context";
import type { ImagePurpose, MutationResolvers, QueryResolvers } from "../generated/graphql";
import { MAX_UPLOAD_BYTES } from "../uploads";
import { badUserInput, requireAdmin, sliceConnection } from "./admin-access";
import { orNull } from "./reading";

type Usage = { count: number; bytes: number };
type StorageUsage = {
  byPurpose: { avatar: Usage; cover: Usage; post: Usage };
  total: Usage;
  stored: { objects: number; bytes: number };
};
type Orphan = { id: string; bytes: number; purpose: string };
type Job = { id: string };

export const toStorageUsage = (usage: StorageUsage) => ({
  ...usage.byPurpose,
  total: usage.total,
  stored: { count: usage.stored.objects, bytes: usage.stored.bytes },
});

/** Re-encoding a large image takes longer than an ordinary call may. */
const UPLOAD_TIMEOUT_MS = 30_000;

/** Images, link previews, orphans and backups (storage service). */
export const adminStorageResolvers = {
  Query: {
    storageUsage: async (_, __, ctx) => {
      requireAdmin(ctx);
      return toStorageUsage(
        await ctx.api<StorageUsage>("storage", {
          operation: "storageUsage",
          path: "/v1/admin/storage/usage",
        }),
      );
    },
    orphanImages: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { items } = await ctx.api<{ items: Orphan[] }>("storage", {
        operation: "orphanImages",
        path: "/v1/admin/storage/orphans",
      });
      const orphans = items.map((item) => ({ ...item, purpose: item.purpose.toUpperCase() as ImagePurpose }));
      return {
        ...sliceConnection(orphans, args, 50),
        totalCount: items.length,
        totalBytes: items.reduce((sum, item) => sum + item.bytes, 0),
      };
    },
    backups: async (_, args, ctx) => {
      requireAdmin(ctx);
      const [backups, jobs] = await Promise.all([
        ctx.api<{ items: Array<{ id: string }> }>("storage", {
          operation: "backups",
          path: "/v1/admin/backups",
        }),
        ctx.api<{ items: Job[] }>("storage", { operation: "backupJobs", path: "/v1/admin/backup-jobs" }),
      ]);
      return { ...sliceConnection(backups.items, args), jobs: jobs.items };
    },
    backupJob: async (_, args, ctx) => {
      requireAdmin(ctx);
      const answer = await orNull(
        ctx.api<{ job: Job }>("storage", {
          operation: "backupJob",
          path: `/v1/admin/backup-jobs/${encodeURIComponent(args.id)}`,
        }),
      );
      return answer?.job ?? null;
    },
  } satisfies QueryResolvers,
  Mutation: {
    uploadImage: async (_, args, ctx) => {
      const identity = requireIdentity(ctx);
      // Storage's rule, checked before the bytes travel: avatars for anyone signed in, the rest for admins.
      if (args.purpose !== "AVATAR" && identity.role !== "ADMIN") requireAdmin(ctx);
      // Yoga hands the multipart spec's file part over as a WHATWG File.
      const file = args.file as File;
      if (file.size > MAX_UPLOAD_BYTES) throw badUserInput(tooLargeMessage);
      const form = new FormData();
      form.append("file", new Blob([await file.arrayBuffer()], { type: file.type }), file.name);
      return ctx.api("storage", {
        operation: "uploadImage",
        method: "POST",
        path: "/v1/images",
        query: { purpose: args.purpose.toLowerCase() },
        form,
        timeoutMs: UPLOAD_TIMEOUT_MS,
      });
    },
    fetchLinkPreview: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("storage", {
        operation: "fetchLinkPreview",
        method: "POST",
        path: "/v1/link-preview",
        body: { url: args.url },
        // The service gives the page itself this long; the answer needs a moment more.
        timeoutMs: 8_000,
      });
    },
    cleanOrphanImages: (_, args, ctx) => {
      requireAdmin(ctx);
      return ctx.api("storage", {
        operation: "cleanOrphanImages",
        method: "POST",
        path: "/v1/admin/storage/orphans/clean",
        body: { minAgeMinutes: args.minAgeMinutes ?? 60 },
        timeoutMs: 15_000,
      });
    },
    createBackup: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { job } = await ctx.api<{ job: Job }>("storage", {
        operation: "createBackup",
        method: "POST",
        path: "/v1/admin/backups",
        body: { description: args.description ?? "" },
      });
      return job;
    },
    restoreBackup: async (_, args, ctx) => {
      requireAdmin(ctx);
      const { job } = await ctx.api<{ job: Job }>("storage", {
        operation: "restoreBackup",
        method: "POST",
        path: `/v1/admin/backups/${encodeURIComponent(args.id)}/restore`,
      });
      return job;
    },
    deleteBackup: async (_, args, ctx) => {
      requireAdmin(ctx);
      await ctx.api("storage", {
        operation: "deleteBackup",
        method: "DELETE",
        path: `/v1/admin/backups/${encodeURIComponent(args.id)}`,
      });
      return true;
    },
  } satisfies MutationResolvers,
};

const tooLargeMessage = `Images can be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`;
