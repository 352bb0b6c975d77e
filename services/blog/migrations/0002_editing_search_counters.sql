-- Lower-cased title and text: substring search that works for Hangul, where words carry particles.
alter table posts add column search_text text not null default '';
-- Whether the excerpt was written by hand; an automatic one follows the content.
alter table posts add column excerpt_custom boolean not null default false;
-- Set when the post first becomes PUBLIC: post.published is emitted once, and the slug is fixed from then on.
alter table posts add column first_published_at timestamptz;
-- Counters come from other services' events, each stream guarded by its own version.
alter table posts add column views_version integer not null default 0;
alter table posts add column engagement_version integer not null default 0;

update posts set
  search_text = lower(title || ' ' || regexp_replace(content_html, '<[^>]*>', ' ', 'g')),
  excerpt_custom = true,
  first_published_at = case when status = 'PUBLIC' then coalesce(published_at, created_at) end;

create index posts_popular_idx on posts ((like_count * 5 + view_count) desc, id desc) where status = 'PUBLIC';

-- Tombstones of deleted posts: the snapshot reports them so a rebuilt replica drops them too.
create table deleted_posts (
  id text primary key,
  slug text not null,
  version integer not null,
  deleted_at timestamptz not null default now()
);
