-- Settled days of the recovery metrics (docs/http-api.md, section 4), summed once. A UTC day of
-- first failures is settled when none of its invoices is still in recovery: its figures can no
-- longer change with time, only by a write to one of its invoices, and such a write forgets the
-- day (the triggers below). A window of the metrics then reads the settled days it covers from
-- here and only the rest, the days still moving and its partial edges, from the plans themselves.

create table recovery_days (
  day date primary key,
  rolled_up_at timestamptz not null
);

-- A settled day's figures for each grouping of the metrics that belongs to the invoice or to its
-- retries (day and week are read from the 'all' rows), one row per key, currency and status of
-- the invoice: the same rows that the query over the plans gives, so that both add up alike.
create table recovery_day_groups (
  day date not null references recovery_days on delete cascade,
  grouping text not null,
  key text collate "C" not null,
  currency text collate "C" not null,
  status text not null,
  invoices bigint not null,
  -- Invoices recovered in the group (by a retry of the group, for retry_number and local_hour).
  recovered bigint not null,
  amount_minor numeric not null,
  recovered_amount_minor numeric not null,
  retries bigint not null,
  -- The recovered invoices' whole seconds from first failure to recovery, as 4-byte big-endian
  -- integers (int4send), in no order: what medians and the time-to-recovery buckets are made of.
  recovery_seconds bytea,
  primary key (day, grouping, key, currency, status)
);

-- Settled is "no invoice of the day still in recovery": plans are found through this small index
-- of the open ones rather than by reading the day's plans.
create index payment_plans_open_first_failures on payment_plans (first_failed_at)
  where status = 'scheduled';

-- A write to an invoice, plan or attempt forgets its day's figures, which are summed again once
-- the day is settled again. The shared lock on the day keeps a summing instance (which takes it
-- exclusively) from reading the day while a write to it is under way: either the sum sees the
-- write, or the write sees the sum and forgets it.
create function forget_recovery_day(first_failed_at timestamptz) returns void
language plpgsql as $$
declare
  changed date := (first_failed_at at time zone 'UTC')::date;
begin
  perform pg_advisory_xact_lock_shared(1918, changed - date '2000-01-01');
  delete from recovery_days where day = changed;
end $$;

create function recovery_day_changed() returns trigger
language plpgsql as $$
begin
  if tg_op <> 'INSERT' then
    perform forget_recovery_day(old.first_failed_at);
  end if;
  if tg_op = 'INSERT' or (tg_op = 'UPDATE' and new.first_failed_at <> old.first_failed_at) then
    perform forget_recovery_day(new.first_failed_at);
  end if;
  return null;
end $$;

create trigger payment_plans_recovery_day after insert or update or delete on payment_plans
  for each row execute function recovery_day_changed();
create trigger reported_invoices_recovery_day after insert or update or delete on reported_invoices
  for each row execute function recovery_day_changed();
create trigger attempts_recovery_day after insert or update or delete on attempts
  for each row execute function recovery_day_changed();
