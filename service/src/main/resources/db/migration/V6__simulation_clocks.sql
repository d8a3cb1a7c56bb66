-- Simulation clocks (SMART_RETRY_CLOCK_SPEED, SMART_RETRY_CLOCK_START): the real instant at which
-- a clock of this start and speed read its start. The first instance to start with them writes
-- it; every instance on the database, and every restart, reads it, so all tell the same time.
create table simulation_clocks (
  id text primary key,
  start_at timestamptz not null,
  speed double precision not null check (speed > 0),
  anchored_at timestamptz not null
);
