-- Categories and tags are announced by events (category.*, tag.*); their version orders those events.
alter table categories add column version integer not null default 1;
alter table tags add column version integer not null default 1;
