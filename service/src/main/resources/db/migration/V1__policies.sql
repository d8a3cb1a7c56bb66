-- Retry policies (docs/http-api.md, section 3).
--
-- Durations (max_duration, min_interval and each entry of schedule) are stored as
-- the ISO-8601 text the API reads and writes, days and time only (P14D, PT1H,
-- P1DT12H: what java.time.Duration parses), so an admin's P14D comes back as P14D
-- rather than PT336H. The domain below checks their shape and that they are not
-- zero; relations between them (min_interval below max_duration, ...) are the
-- API's to check.
create domain iso_duration as text
  check (value ~ '^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$' and value ~ '[1-9]');

create table policies (
  name text primary key check (name <> ''),
  mode text not null check (mode in ('smart', 'fixed')),
  max_retries integer not null check (max_retries between 1 and 25),
  max_duration iso_duration not null,
  min_interval iso_duration not null,
  -- Offsets from the first failure, a JSON array of iso_duration texts: the plan of
  -- a fixed policy and the fallback of a smart one.
  schedule jsonb not null check (jsonb_typeof(schedule) = 'array'),
  final_action text not null check (final_action <> ''),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- The policy that always exists (the API refuses to delete it).
insert into policies (name, mode, max_retries, max_duration, min_interval, schedule, final_action)
values ('default', 'smart', 8, 'P14D', 'PT1H', '["P1D", "P3D", "P5D", "P7D"]', 'mark_uncollectible');
