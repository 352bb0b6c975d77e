-- Every stored image: the re-encoded WebP lives in the object store under `key`.
create table images (
  id text primary key,
  owner_id text not null,
  key text not null unique,
  purpose text not null check (purpose in ('avatar', 'cover', 'post')),
  content_type text not null,
  bytes integer not null,
  original_bytes integer not null,
  width integer not null,
  height integer not null,
  created_at timestamptz not null default now()
);
create index images_owner_idx on images (owner_id);
create index images_purpose_idx on images (purpose);

-- The latest version seen of each post or user, from blog's and auth's events; `deleted` is a tombstone,
-- so an update that arrives after the delete is ignored.
create table image_ref_sources (
  source_kind text not null check (source_kind in ('post', 'avatar')),
  source_id text not null,
  version integer not null,
  deleted boolean not null default false,
  primary key (source_kind, source_id)
);

-- Which post or avatar uses which image, as of that source's version. No foreign key to images: an event
-- may name an image this service has not stored, or arrive before the upload's row is visible.
create table image_refs (
  source_kind text not null check (source_kind in ('post', 'avatar')),
  source_id text not null,
  image_id text not null,
  image_url text not null,
  source_version integer not null,
  primary key (source_kind, source_id, image_id)
);
create index image_refs_image_idx on image_refs (image_id);
