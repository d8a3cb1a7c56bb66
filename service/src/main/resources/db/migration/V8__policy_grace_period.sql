-- A policy's grace period (docs/http-api.md, section 8): no retry sooner than this after the
-- first failure. ISO-8601 days and time as the API writes it, like the other durations, but zero
-- (PT0S, the default: no grace period) is allowed; the API checks it is below max_duration.
alter table policies
  add column grace_period text not null default 'PT0S'
    check (grace_period ~ '^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$');
