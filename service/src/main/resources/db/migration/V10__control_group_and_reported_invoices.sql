-- The live control group (docs/http-api.md, section 8): the share of a policy's customers whose
-- retries follow the policy's schedule instead of the model.
alter table policies
  add column control_share double precision not null default 0
    check (control_share >= 0 and control_share <= 0.5);

-- Invoices whose retries the billing system runs itself and reports (section 2b). Their attempts
-- are rows of attempts (source 'reported'), like a plan's; this is the invoice's state, which the
-- metrics read beside payment_plans: the policy and arm it falls under, and where it stands after
-- the last report. 'scheduled' means still in recovery: the policy allows another retry.
create table reported_invoices (
  invoice_id text primary key check (invoice_id <> ''),
  -- The invoice as its first attempt described it: what the metrics group and sum by.
  customer_id text not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  timezone text not null,
  card_brand text not null,
  card_funding text not null,
  card_country text not null,
  first_failed_at timestamptz not null,
  first_decline_code text not null,
  -- Reported attempts after the first, with an outcome.
  retries_executed integer not null check (retries_executed >= 0),
  policy_name text not null,
  arm text not null check (arm in ('smart', 'control')),
  status text not null check (status in ('scheduled', 'recovered', 'exhausted', 'stopped')),
  stop_reason text check (stop_reason in ('recovered', 'retries_exhausted', 'deadline_passed',
    'hard_decline', 'manual_review')),
  -- The first failure plus the policy's max_duration: past it, an invoice still in recovery by
  -- its last report is counted exhausted.
  deadline timestamptz not null,
  recovered_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'scheduled') = (stop_reason is null)),
  check ((status = 'recovered') = (recovered_at is not null))
);

-- The metrics count cohorts of invoices by their first failure (the original charge). Each table
-- they read carries it, so that a window is one index range per table, with no join to find it.
create index reported_invoices_first_failures on reported_invoices (first_failed_at);

alter table payment_plans add column first_failed_at timestamptz,
  add column first_decline_code text;
update payment_plans p set first_failed_at = a.attempted_at, first_decline_code = a.decline_code
  from attempts a where a.invoice_id = p.invoice_id and a.attempt_number = 1;
alter table payment_plans alter column first_failed_at set not null,
  alter column first_decline_code set not null;
create index payment_plans_first_failures on payment_plans (first_failed_at);

-- Every attempt carries its invoice's first failure too: the retries of a cohort (for the metrics
-- by retry number and local hour) are one index range, read from the index alone.
alter table attempts add column first_failed_at timestamptz;
update attempts a set first_failed_at = f.attempted_at
  from attempts f where f.invoice_id = a.invoice_id and f.attempt_number = 1;
alter table attempts alter column first_failed_at set not null;
create index attempts_retries_by_first_failure on attempts (first_failed_at)
  include (invoice_id, attempt_number, attempted_at, timezone, outcome)
  where attempt_number > 1 and outcome is not null;

-- The live model's calibration reads the scheduler's predicted retries by attempt time; the
-- probability and outcome ride along in the index, so the table itself is rarely read.
create index attempts_predictions on attempts (attempted_at) include (predicted_probability, outcome)
  where source = 'scheduler' and outcome is not null and predicted_probability is not null;
