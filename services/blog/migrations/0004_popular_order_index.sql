-- The popular order is (score, published_at, id): the old index lacked published_at, so every popular list
-- (the featured post, the sidebar) sorted all PUBLIC posts.
drop index if exists posts_popular_idx;
create index posts_popular_idx on posts ((like_count * 5 + view_count) desc, published_at desc, id desc)
  where status = 'PUBLIC';
