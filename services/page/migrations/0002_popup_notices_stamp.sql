-- The pop-up notices every page of the site shows are kept in memory while their read stamp holds
-- (service-kit migrations/0003_read_stamps.sql): a transaction that writes a notice moves it at commit.
insert into read_stamps (name) values ('popup_notices');

create constraint trigger notices_popup_stamp after insert or update or delete on notices
  deferrable initially deferred for each row execute function bump_read_stamp('popup_notices');
