-- Replica of blog's posts, kept from post.* events. A deleted post stays as a tombstone (deleted = true) with
-- the delete's version, so a late, older post.updated cannot bring it back.
create table posts (
  id text primary key,
  slug text not null,
  title text not null,
  status text not null check (status in ('DRAFT', 'PUBLIC', 'PRIVATE')),
  deleted boolean not null default false,
  version integer not null
);

-- Replica of auth's users (name, avatar, status), kept from user.* events; a comment's author is read from here.
create table authors (
  id text primary key,
  name text not null,
  avatar_url text,
  status text not null check (status in ('ACTIVE', 'SUSPENDED')),
  version integer not null
);

create table comments (
  id text primary key,
  post_id text not null,
  -- Always a top-level comment: replies are one level deep.
  parent_id text references comments (id),
  user_id text,
  -- The name when written: a guest's name, or the user's name as a fallback if the replica loses it.
  author_name text not null,
  guest_password_hash text,
  content text not null,
  secret boolean not null default false,
  status text not null check (status in ('APPROVED', 'PENDING', 'SPAM')),
  edited boolean not null default false,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- Deleted comments are kept (a placeholder for their replies; admins list them).
  deleted_at timestamptz,
  check ((user_id is null) = (guest_password_hash is not null))
);
create index comments_thread_idx on comments (post_id, created_at, id) where parent_id is null;
create index comments_parent_idx on comments (parent_id);
create index comments_user_idx on comments (user_id, created_at desc, id desc);
create index comments_created_idx on comments (created_at desc, id desc);

-- One row per liker: a user ('u:<id>') or an anonymous visitor ('ip:<salted hash>'); the key makes a
-- like unique, and counts are derived from these rows.
create table likes (
  post_id text not null,
  liker_key text not null,
  created_at timestamptz not null default now(),
  primary key (post_id, liker_key)
);

create table bookmarks (
  user_id text not null,
  post_id text not null,
  created_at timestamptz not null,
  primary key (user_id, post_id)
);
create index bookmarks_user_created_idx on bookmarks (user_id, created_at desc, post_id desc);
create index bookmarks_post_idx on bookmarks (post_id);

-- Per-post counters as last published: written in the same transaction as every like, bookmark and comment
-- change; version orders the events for consumers.
create table engagement (
  post_id text primary key,
  like_count integer not null default 0,
  comment_count integer not null default 0,
  version integer not null default 0
);
