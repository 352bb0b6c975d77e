-- The front page (featured, latest, top categories, popular posts and tags) is kept in memory while its read
-- stamp holds (service-kit migrations/0003_read_stamps.sql): each table it reads moves the stamp at the
-- commit of a transaction that wrote it.
insert into read_stamps (name) values ('front_page');

create constraint trigger posts_front_page_stamp after insert or update or delete on posts
  deferrable initially deferred for each row execute function bump_read_stamp('front_page');
create constraint trigger post_tags_front_page_stamp after insert or update or delete on post_tags
  deferrable initially deferred for each row execute function bump_read_stamp('front_page');
create constraint trigger tags_front_page_stamp after insert or update or delete on tags
  deferrable initially deferred for each row execute function bump_read_stamp('front_page');
create constraint trigger categories_front_page_stamp after insert or update or delete on categories
  deferrable initially deferred for each row execute function bump_read_stamp('front_page');
create constraint trigger authors_front_page_stamp after insert or update or delete on authors
  deferrable initially deferred for each row execute function bump_read_stamp('front_page');
