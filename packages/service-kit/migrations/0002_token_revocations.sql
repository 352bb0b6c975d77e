-- Tokens of a user issued before not_before are refused (suspension, role change, password change,
-- deletion), kept from auth's user.sessions.revoked events by every service.
create table token_revocations (
  user_id text primary key,
  not_before timestamptz not null,
  version integer not null
);
