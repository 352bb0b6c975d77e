-- OpenID Connect sign-in. Sign-ins in progress: what the callback must check (state, nonce, PKCE verifier),
-- kept here rather than in a cookie; the state is stored hashed and each row is spent once.
create table oidc_login_states (
  state_hash text primary key,
  nonce text not null,
  code_verifier text not null,
  return_to text not null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
create index oidc_login_states_expires_idx on oidc_login_states (expires_at);

-- Which account a provider's subject signs in to; the subject, not the email, is the stable identity.
create table oidc_identities (
  issuer text not null,
  subject text not null,
  user_id text not null references users (id) on delete cascade,
  email text not null,
  created_at timestamptz not null default now(),
  primary key (issuer, subject)
);
create index oidc_identities_user_idx on oidc_identities (user_id);

-- One-time codes the page trades for tokens, so tokens never appear in a URL; stored hashed, single use.
create table oidc_signin_codes (
  code_hash text primary key,
  user_id text not null references users (id) on delete cascade,
  expires_at timestamptz not null,
  created_at timestamptz not null default now()
);
