-- The relay's queue moves to a narrow table of its own: one row per unpublished event, deleted when the
-- relay claims it. Marking `published_at` rewrote the whole outbox row (its payload, and an entry in each of
-- its indexes) for every event published; the outbox row is now written once, and the outbox stays the log
-- of recent events until the relay prunes it.
create table outbox_pending (
  seq bigint primary key,
  next_attempt_at timestamptz not null default now(),
  attempts integer not null default 0,
  last_error text
);
insert into outbox_pending (seq, next_attempt_at, attempts, last_error)
  select seq, next_attempt_at, attempts, last_error from outbox where published_at is null;
drop index outbox_pending_idx;
drop index outbox_published_idx;
alter table outbox drop column published_at, drop column attempts, drop column next_attempt_at,
  drop column last_error;
