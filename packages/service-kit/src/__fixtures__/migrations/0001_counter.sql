-- A tiny read model for the kit's own contract tests.
create table replica (id text primary key, name text not null, version integer not null);
