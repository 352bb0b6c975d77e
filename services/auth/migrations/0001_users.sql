create table users (
  id text primary key,
  email text not null unique,
  password_hash text not null,
  name text not null,
  bio text,
  avatar_url text,
  role text not null default 'USER' check (role in ('USER', 'ADMIN')),
  status text not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED')),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The EdDSA key pair that signs access tokens; the public half is served as the JWKS.
create table signing_keys (
  kid text primary key,
  private_jwk jsonb not null,
  public_jwk jsonb not null,
  created_at timestamptz not null default now()
);
