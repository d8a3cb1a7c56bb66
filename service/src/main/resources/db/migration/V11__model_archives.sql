-- Models for every instance (docs/http-api.md, section 5).
--
-- An uploaded model directory (POST /v1/models), or one an instance activated from its own disk,
-- is kept here as the .tar.gz that train --archive writes, so that every instance sharing the
-- database can load it. The archive is stored as sent; its files were checked (format, feature
-- version, every checksum of its manifest) before it was stored.
create table model_archives (
  version text primary key references model_versions (version),
  archive bytea not null,
  -- SHA-256 of the archive's bytes, to say what was stored without reading it back.
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  stored_at timestamptz not null
);

-- Every instance follows the version activated last: an activation notifies the channel that
-- V5 created for policies, naming the table, and each instance then loads that version.
create trigger model_versions_activated
after update of active on model_versions
for each statement execute function smart_retry_notify_change();
