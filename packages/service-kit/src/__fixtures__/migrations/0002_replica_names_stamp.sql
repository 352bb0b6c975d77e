-- A read stamp over the replica, for the kit's read-stamp tests.
insert into read_stamps (name) values ('replica_names');

create constraint trigger replica_names_stamp after insert or update or delete on replica
  deferrable initially deferred for each row execute function bump_read_stamp('replica_names');
