-- Replica of blog's posts (status only), from post.* events; a deleted post stays as a tombstone.
create table posts (
  id text primary key,
  status text not null check (status in ('DRAFT', 'PUBLIC', 'PRIVATE')),
  deleted boolean not null default false,
  version integer not null
);

-- One row per visitor per post per site day; the primary key makes concurrent first visits count once.
create table post_views (
  post_id text not null,
  day date not null,
  visitor text not null,
  viewed_at timestamptz not null default now(),
  primary key (post_id, day, visitor)
);
create index post_views_day_idx on post_views (day);

-- A post's running total; the row lock orders concurrent increments, so every post.viewed total is distinct.
create table post_view_totals (
  post_id text primary key,
  views integer not null
);

-- One row per visitor per site day.
create table site_visits (
  day date not null,
  visitor text not null,
  visited_at timestamptz not null default now(),
  primary key (day, visitor)
);

-- Latest engagement counters per post, from content's events, guarded by content's per-post version.
create table post_engagement (
  post_id text primary key,
  like_count integer not null,
  comment_count integer not null,
  version integer not null
);

-- Sign-ups, from auth's events; a user deleted before (or after) registering arrives stays deleted.
create table users (
  id text primary key,
  name text not null,
  registered_at timestamptz,
  deleted boolean not null default false
);
create index users_registered_idx on users (registered_at desc);

create table bug_reports (
  id text primary key,
  title text not null,
  category text not null check (category in ('UI', 'FUNCTIONAL', 'PERFORMANCE', 'SECURITY', 'ETC')),
  priority text not null check (priority in ('LOW', 'MEDIUM', 'HIGH')),
  description text not null,
  email text,
  reporter_id text,
  status text not null default 'OPEN' check (status in ('OPEN', 'IN_PROGRESS', 'RESOLVED', 'CLOSED')),
  reply text,
  replied_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index bug_reports_created_idx on bug_reports (created_at desc, id desc);
