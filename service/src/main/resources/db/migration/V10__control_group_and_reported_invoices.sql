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

-- The metrics' cohorts: invoices by their first failure, the original charge.
create index attempts_first_failures on attempts (attempted_at) where attempt_number = 1;
