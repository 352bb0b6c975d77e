create table categories (
  id text primary key,
  slug text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

create table tags (
  id text primary key,
  slug text not null unique,
  name text not null,
  created_at timestamptz not null default now()
);

create table posts (
  id text primary key,
  slug text not null unique,
  title text not null,
  excerpt text not null,
  content_html text not null,
  status text not null check (status in ('DRAFT', 'PUBLIC', 'PRIVATE')),
  author_id text not null,
  category_id text references categories (id),
  cover_url text,
  reading_minutes integer not null,
  published_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version integer not null default 1,
  view_count integer not null default 0,
  like_count integer not null default 0,
  comment_count integer not null default 0
);
-- Keyset pagination of the public list: newest first, id breaks ties.
create index posts_public_published_idx on posts (published_at desc, id desc) where status = 'PUBLIC';
create index posts_category_idx on posts (category_id);
create index posts_author_idx on posts (author_id);

create table post_tags (
  post_id text not null references posts (id) on delete cascade,
  tag_id text not null references tags (id),
  primary key (post_id, tag_id)
);
create index post_tags_tag_idx on post_tags (tag_id);

-- Replica of auth's users (name, avatar), kept from user.* events; a post's author is read from here.
create table authors (
  id text primary key,
  name text not null,
  avatar_url text,
  version integer not null
);
