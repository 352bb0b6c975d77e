-- What an anonymous reader sees under a post (its counters and first comments, /v1/conversation) is the same
-- for every such reader: it is kept in memory while the "conversation" stamp holds (service-kit
-- migrations/0003_read_stamps.sql); each table that answer reads moves it at the commit of a transaction that
-- wrote it.
insert into read_stamps (name) values ('conversation');

create constraint trigger posts_conversation_stamp after insert or update or delete on posts
  deferrable initially deferred for each row execute function bump_read_stamp('conversation');
create constraint trigger authors_conversation_stamp after insert or update or delete on authors
  deferrable initially deferred for each row execute function bump_read_stamp('conversation');
create constraint trigger comments_conversation_stamp after insert or update or delete on comments
  deferrable initially deferred for each row execute function bump_read_stamp('conversation');
create constraint trigger engagement_conversation_stamp after insert or update or delete on engagement
  deferrable initially deferred for each row execute function bump_read_stamp('conversation');
