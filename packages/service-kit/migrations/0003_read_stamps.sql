-- A read stamp names what an answer kept in memory reads (a screen's tables): every transaction that writes
-- one of those tables sets the stamp to its own id at commit, so one indexed read tells a service whether the
-- answer it keeps still holds. A service's migration adds its stamp's row and attaches the trigger to each
-- table, deferred to commit so the stamp's row lock is the last a transaction takes and is held only while
-- it commits:
--   create constraint trigger ... after insert or update or delete on <table>
--     deferrable initially deferred for each row execute function bump_read_stamp('<name>');
create table read_stamps (
  name text primary key,
  stamp bigint not null default 0
);

create function bump_read_stamp() returns trigger language plpgsql as $$
begin
  -- Once per transaction: the rows after the first find the stamp already theirs.
  update read_stamps set stamp = txid_current() where name = tg_argv[0] and stamp <> txid_current();
  return null;
end
$$;
