-- What an anonymous reader sees under a post (its counters and first comments, /v1/conversation) is the same
-- for every such reader: it is kept in memory while the "conversation" stamp holds (service-kit
-- migrations/0003_read_stamps.sql, 0005_attach_read_stamp.sql).
select attach_read_stamp('conversation', 'posts', 'authors', 'comments', 'engagement');
