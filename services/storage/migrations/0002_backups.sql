-- Backups of every service's data; the archive lives in the object store under `object_key`. A row exists only
-- for an archive that was written completely.
create table backups (
  id text primary key,
  description text not null check (char_length(description) <= 200),
  created_by text not null,
  created_at timestamptz not null default now(),
  object_key text not null unique,
  bytes bigint not null,
  services jsonb not null,
  status text not null default 'COMPLETE' check (status in ('COMPLETE'))
);
create index backups_created_idx on backups (created_at desc, id desc);

-- Backup and restore runs with their progress. No foreign key to backups: the history of a job outlives a
-- deleted backup.
create table backup_jobs (
  id text primary key,
  kind text not null check (kind in ('BACKUP', 'RESTORE')),
  backup_id text not null,
  status text not null check (status in ('RUNNING', 'SUCCEEDED', 'FAILED')),
  progress integer not null default 0 check (progress between 0 and 100),
  step text not null,
  error text,
  started_at timestamptz not null default now(),
  -- Touched at every step, so a job whose process died can be told from a slow one.
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
-- At most one job runs at a time, across every replica of the service.
create unique index backup_jobs_one_running_idx on backup_jobs (status) where status = 'RUNNING';
