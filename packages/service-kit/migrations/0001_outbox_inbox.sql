-- The transactional outbox: written in the same transaction as the state change, published by the relay.
create table outbox (
  seq bigserial primary key,
  id text not null unique,
  type text not null,
  version integer not null,
  aggregate_id text not null,
  aggregate_version integer not null,
  occurred_at timestamptz not null,
  traceparent text,
  payload jsonb not null,
  published_at timestamptz,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text
);
create index outbox_pending_idx on outbox (seq) where published_at is null;
create index outbox_published_idx on outbox (published_at) where published_at is not null;

-- The inbox: an event id is inserted in the same transaction as the read-model change it causes.
create table inbox (
  consumer text not null,
  event_id text not null,
  type text not null,
  processed_at timestamptz not null default now(),
  primary key (consumer, event_id)
);

-- Messages that failed every retry, copied from the broker's dead-letter queue for inspection and replay.
create table dead_letters (
  id text primary key,
  queue text not null,
  event_id text not null,
  type text not null,
  envelope jsonb not null,
  error text not null,
  attempts integer not null,
  dead_at timestamptz not null default now(),
  unique (queue, event_id)
);
