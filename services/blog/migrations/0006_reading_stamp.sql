-- What readers see of posts (the front page, a post's page) is kept in memory while the "reading" stamp
-- holds (service-kit migrations/0003_read_stamps.sql): each table those answers read moves it at the commit of
-- a transaction that wrote it.
insert into read_stamps (name) values ('reading');

create constraint trigger posts_reading_stamp after insert or update or delete on posts
  deferrable initially deferred for each row execute function bump_read_stamp('reading');
create constraint trigger post_tags_reading_stamp after insert or update or delete on post_tags
  deferrable initially deferred for each row execute function bump_read_stamp('reading');
create constraint trigger tags_reading_stamp after insert or update or delete on tags
  deferrable initially deferred for each row execute function bump_read_stamp('reading');
create constraint trigger categories_reading_stamp after insert or update or delete on categories
  deferrable initially deferred for each row execute function bump_read_stamp('reading');
create constraint trigger authors_reading_stamp after insert or update or delete on authors
  deferrable initially deferred for each row execute function bump_read_stamp('reading');
