-- A service gives a kept answer its read stamp in one call: the stamp's row, and on each table the answer
-- reads, the deferred trigger that moves the stamp when a transaction wrote that table (0003):
--   select attach_read_stamp('<name>', '<table>', '<table>', ...);
create function attach_read_stamp(stamp text, variadic tables text[]) returns void language plpgsql as $$
declare
  t text;
begin
  insert into read_stamps (name) values (stamp) on conflict do nothing;
  foreach t in array tables loop
    execute format(
      'create constraint trigger %I after insert or update or delete on %I '
      'deferrable initially deferred for each row execute function bump_read_stamp(%L)',
      t || '_' || stamp || '_stamp', t, stamp);
  end loop;
end
$$;
