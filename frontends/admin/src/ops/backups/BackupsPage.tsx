import { errorMessage, useDocumentTitle, useToast } from "@quire/shell-sdk";
import { Button, Card, ConfirmDialog, Field, ListSkeleton, LoadMore, ProgressBar } from "@quire/ui";
import { useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import {
  type Backup,
  type BackupJob,
  useBackupJob,
  useBackups,
  useCreateBackup,
  useDeleteBackup,
  useRestoreBackup,
} from "../../api/backups";
import {
  Empty,
  FormattedDate,
  formatBytes,
  LoadError,
  ScreenHeader,
  StatusBadge,
} from "../../components/ListStates";

/** What each service's part of a backup holds, to say what a restore replaces. */
const SERVICE_DATA: Record<string, string> = {
  auth: "accounts, passwords and roles",
  blog: "posts, drafts, categories and tags",
  content: "comments, likes and bookmarks",
  page: "notices, static pages and bug reports",
  analytics: "views and visitor counts",
  storage: "uploaded images",
};

const JOB_STATUS = { RUNNING: "Running", SUCCEEDED: "Complete", FAILED: "Failed" } as const;

function jobTitle(job: Pick<BackupJob, "kind">) {
  return job.kind === "BACKUP" ? "Backup" : "Restore";
}

/** Follows one job by polling it, and says when it ends. */
function JobProgress({ jobId, onEnd }: { jobId: string; onEnd: (job: BackupJob) => void }) {
  const job = useBackupJob(jobId);
  const ended = useRef(false);
  const data = job.data;

  useEffect(() => {
    if (data && data.status !== "RUNNING" && !ended.current) {
      ended.current = true;
      onEnd(data);
    }
  }, [data, onEnd]);

  if (job.isError && !data) {
    return (
      <p className="q-admin-error" role="alert">
        The job's progress could not be read: {job.error.message}
      </p>
    );
  }
  if (data === undefined) return <ProgressBar label="Starting" value={null} />;
  if (data === null) return <p className="q-admin-muted">The service no longer knows this job.</p>;
  const title = jobTitle(data);
  return (
    <div className="q-admin-job">
      {data.status === "RUNNING" ? (
        <ProgressBar label={`${title} in progress`} value={data.progress} detail={data.step} />
      ) : data.status === "SUCCEEDED" ? (
        <p className="q-admin-success" role="status">
          {title} complete.
        </p>
      ) : (
        <p className="q-admin-error" role="alert">
          {title} failed{data.error ? `: ${data.error}` : "."}
        </p>
      )}
    </div>
  );
}

function describeServices(services: string[]): string[] {
  return services.map((service) => {
    const what = SERVICE_DATA[service.toLowerCase()];
    return what ? `${service}: ${what}` : service;
  });
}

function BackupItem({
  backup,
  busy,
  onRestore,
  onDelete,
}: {
  backup: Backup;
  busy: boolean;
  onRestore: () => void;
  onDelete: () => void;
}) {
  const name = backup.description || "Backup";
  return (
    <li className="q-admin-list__item q-admin-row">
      <div className="q-admin-row__main">
        <span className="q-admin-row__title">{name}</span>
        <span className="q-admin-muted">
          <FormattedDate value={backup.createdAt} withTime /> · {formatBytes(backup.bytes)} ·{" "}
          {backup.services.join(", ")}
        </span>
      </div>
      <div className="q-admin-actions">
        <Button size="small" variant="secondary" disabled={busy} onClick={onRestore}>
          Restore<span className="q-visually-hidden"> {name}</span>
        </Button>
        <Button size="small" variant="ghost" disabled={busy} onClick={onDelete}>
          Delete<span className="q-visually-hidden"> {name}</span>
        </Button>
      </div>
    </li>
  );
}

/** Backups: make one (its progress followed), list them, restore one after saying what it replaces. */
export function BackupsPage() {
  useDocumentTitle("Backups");
  const toast = useToast();
  const queryClient = useQueryClient();
  const { query, items, jobs } = useBackups();
  const create = useCreateBackup();
  const restore = useRestoreBackup();
  const remove = useDeleteBackup();
  const [description, setDescription] = useState("");
  const [trackedJobId, setTrackedJobId] = useState<string | null>(null);
  const [pendingRestore, setPendingRestore] = useState<Backup | null>(null);
  const [pendingDelete, setPendingDelete] = useState<Backup | null>(null);

  // A job still running when the page opens (started elsewhere, or before a reload) is followed too.
  const runningJob = jobs.find((job) => job.status === "RUNNING");
  const jobId = trackedJobId ?? runningJob?.id ?? null;
  const jobRunning = runningJob != null || create.isPending || restore.isPending;

  const onEnd = (job: BackupJob) => {
    void queryClient.invalidateQueries({ queryKey: ["admin", "backups"] });
    if (job.status === "SUCCEEDED") toast.show(`${jobTitle(job)} complete`, { tone: "success" });
    else toast.show(`${jobTitle(job)} failed`, { tone: "error" });
    if (job.kind === "RESTORE") {
      // Everything may have changed: every cached screen reads again.
      void queryClient.invalidateQueries();
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(description.trim() || null, {
      onSuccess: (job) => {
        setDescription("");
        setTrackedJobId(job.id);
        void queryClient.invalidateQueries({ queryKey: ["admin", "backups"] });
      },
    });
  };

  return (
    <section className="q-admin-screen" aria-labelledby="q-admin-backups-title" aria-busy={query.isFetching}>
      <ScreenHeader title="Backups" id="q-admin-backups-title" />
      <Card as="section" className="q-admin-panel" aria-labelledby="q-admin-backups-new">
        <h2 id="q-admin-backups-new" className="q-admin-subtitle">
          New backup
        </h2>
        <form className="q-admin-form q-admin-form--inline" onSubmit={submit}>
          <Field label="Description" hint="Optional, to recognise it later.">
            {(control) => (
              <input
                {...control}
                className="q-input"
                value={description}
                maxLength={200}
                onChange={(e) => setDescription(e.target.value)}
              />
            )}
          </Field>
          <Button type="submit" disabled={jobRunning}>
            Create backup
          </Button>
        </form>
        {create.error ? (
          <p className="q-admin-error" role="alert">
            {errorMessage(create.error)}
          </p>
        ) : null}
        {jobId ? <JobProgress key={jobId} jobId={jobId} onEnd={onEnd} /> : null}
      </Card>

      <section className="q-admin-section" aria-labelledby="q-admin-backups-list">
        <h2 id="q-admin-backups-list" className="q-admin-subtitle">
          Saved backups
        </h2>
        {query.isPending ? (
          <ListSkeleton label="Loading backups" />
        ) : query.isError && items.length === 0 ? (
          <LoadError
            title="The backups could not be loaded"
            error={query.error}
            onRetry={() => void query.refetch()}
          />
        ) : items.length === 0 ? (
          <Empty title="No backups yet" message="Create the first one above." />
        ) : (
          <>
            <ul className="q-admin-list">
              {items.map((backup) => (
                <BackupItem
                  key={backup.id}
                  backup={backup}
                  busy={jobRunning}
                  onRestore={() => {
                    restore.reset();
                    setPendingRestore(backup);
                  }}
                  onDelete={() => {
                    remove.reset();
                    setPendingDelete(backup);
                  }}
                />
              ))}
            </ul>
            <LoadMore
              noun="backups"
              hasNextPage={query.hasNextPage}
              isFetchingNextPage={query.isFetchingNextPage}
              nextPageError={query.isFetchNextPageError ? query.error : null}
              onLoadMore={() => void query.fetchNextPage()}
            />
          </>
        )}
      </section>

      {jobs.length > 0 ? (
        <section className="q-admin-section" aria-labelledby="q-admin-backups-jobs">
          <h2 id="q-admin-backups-jobs" className="q-admin-subtitle">
            Recent jobs
          </h2>
          <ul className="q-admin-list">
            {jobs.map((job) => (
              <li key={job.id} className="q-admin-list__item">
                <span className="q-admin-row__title">
                  {jobTitle(job)} <StatusBadge status={job.status} label={JOB_STATUS[job.status]} />
                  {job.status === "RUNNING" ? ` ${job.progress}%` : null}
                </span>
                <span className="q-admin-muted">
                  Started <FormattedDate value={job.startedAt} withTime />
                  {job.finishedAt ? (
                    <>
                      {" "}
                      · finished <FormattedDate value={job.finishedAt} withTime />
                    </>
                  ) : null}
                </span>
                <span className={job.error ? "q-admin-error q-admin-break" : "q-admin-muted q-admin-break"}>
                  {job.error ?? job.step}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <ConfirmDialog
        open={pendingRestore != null}
        title={`Restore “${pendingRestore?.description || "Backup"}”?`}
        confirmLabel="Restore"
        tone="danger"
        busy={restore.isPending}
        error={errorMessage(restore.error)}
        onConfirm={() => {
          if (!pendingRestore) return;
          restore.mutate(pendingRestore.id, {
            onSuccess: (job) => {
              setPendingRestore(null);
              setTrackedJobId(job.id);
            },
          });
        }}
        onCancel={() => setPendingRestore(null)}
      >
        <p>
          The site's current data is replaced by this backup's copy from{" "}
          <FormattedDate value={pendingRestore?.createdAt} withTime />. Replaced:
        </p>
        <ul>
          {describeServices(pendingRestore?.services ?? []).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <p>Anything written since the backup was made is lost.</p>
      </ConfirmDialog>

      <ConfirmDialog
        open={pendingDelete != null}
        title={`Delete “${pendingDelete?.description || "Backup"}”?`}
        confirmLabel="Delete"
        tone="danger"
        busy={remove.isPending}
        error={errorMessage(remove.error)}
        onConfirm={() => {
          if (!pendingDelete) return;
          remove.mutate(pendingDelete.id, {
            onSuccess: () => {
              toast.show("Backup deleted", { tone: "success" });
              setPendingDelete(null);
            },
          });
        }}
        onCancel={() => setPendingDelete(null)}
      >
        <p>The archive is removed for good; it can no longer be restored.</p>
      </ConfirmDialog>
    </section>
  );
}
