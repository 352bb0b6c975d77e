create table notices (
  id text primary key,
  slug text not null unique,
  title text not null,
  content_html text not null,
  badge text not null default '',
  color text not null,
  pinned boolean not null default false,
  status text not null check (status in ('DRAFT', 'PUBLISHED')),
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1
);
-- Public list: pinned first, then newest; keyset over (pinned, published_at, id).
create index notices_published_idx on notices (pinned desc, published_at desc, id desc) where status = 'PUBLISHED';

-- Static pages; a slug without a row shows its defaults.
create table static_pages (
  slug text primary key check (slug in ('introduce', 'privacy')),
  content jsonb not null,
  version integer not null,
  updated_at timestamptz not null default now()
);
