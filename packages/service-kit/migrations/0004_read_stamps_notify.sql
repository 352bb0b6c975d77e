-- A moved read stamp also sends NOTIFY read_stamps, delivered when its transaction commits. An embedded
-- database has one session, this process's, so the notice reaches it with the commit's own answer: the kept
-- answers there are checked against a counter in memory instead of a read per request
-- (src/db/read-stamps.ts). The restore, which moves every stamp by hand, notifies through the same trigger.
create function notify_read_stamps() returns trigger language plpgsql as $$
begin
  perform pg_notify('read_stamps', '');
  return null;
end
$$;

create trigger read_stamps_notify after update on read_stamps
  for each row execute function notify_read_stamps();
