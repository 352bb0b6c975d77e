-- Rotating refresh tokens: one row per token, hashed; a family is one sign-in. Presenting a token that was
-- already rotated voids its whole family (a stolen token is worth one use at most).
create table refresh_tokens (
  id text primary key,
  user_id text not null references users (id) on delete cascade,
  family_id text not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  revoked_at timestamptz,
  replaced_by text,
  created_at timestamptz not null default now()
);
create index refresh_tokens_user_idx on refresh_tokens (user_id);
create index refresh_tokens_family_idx on refresh_tokens (family_id);

alter table users add column social_links jsonb not null default '{}'::jsonb;
-- Bumped on every revocation of all sessions; the version of user.sessions.revoked events.
alter table users add column session_epoch integer not null default 0;
create index users_created_at_idx on users (created_at);
