-- Managed retries (docs/http-api.md, section 2): a plan per registered failed invoice, and every
-- attempt on it in the columns of docs/attempts-dataset.md, so that retraining reads them as a
-- history file.
--
-- Times are the service's clock (a simulation clock in demos), never the database's now().

create table payment_plans (
  id bigint generated always as identity primary key,
  invoice_id text not null unique check (invoice_id <> ''),
  customer_id text not null check (customer_id <> ''),
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null check (currency ~ '^[A-Z]{3}$'),
  billing_interval text not null,
  timezone text not null,
  customer_tenure_days integer check (customer_tenure_days >= 0),
  card_brand text not null,
  card_funding text not null,
  card_country text not null check (card_country ~ '^[A-Z]{2}$'),
  issuer_id text,
  -- The billing system's labels, which routing rules read.
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  -- The stored policy the plan follows, as it is at each decision; 'inline' for a policy of the
  -- plan's own, which applied_policy then holds.
  policy_name text not null,
  policy_inline boolean not null,
  -- The policy as it was at the last decision (the policy API's JSON): the final action comes
  -- from it, and it stands in if a stored policy is deleted by hand while the plan runs.
  applied_policy jsonb not null check (jsonb_typeof(applied_policy) = 'object'),
  arm text not null check (arm in ('smart', 'control')),
  -- Attempts the billing system sent at registration; a repeat must send the same ones.
  registered_attempts integer not null check (registered_attempts >= 1),
  status text not null
    check (status in ('scheduled', 'recovered', 'exhausted', 'stopped', 'resolved')),
  -- The current decision, as section 1 describes it; the last one made on a final plan.
  retry_number integer not null check (retry_number >= 1),
  retries_remaining integer not null check (retries_remaining >= 0),
  deadline timestamptz not null,
  success_probability double precision check (success_probability between 0 and 1),
  reason text not null,
  model_version text,
  -- The time the decision chose for the retry it scheduled.
  scheduled_for timestamptz,
  -- When the executor next calls the gateway for it: scheduled_for, or later while the gateway
  -- gives no outcome. Null exactly when the plan is final.
  next_attempt_at timestamptz,
  recovered_at timestamptz,
  stop_reason text check (stop_reason in ('recovered', 'retries_exhausted', 'deadline_passed',
    'gateway_unreachable', 'hard_decline', 'manual_review', 'paid_elsewhere', 'voided')),
  final_action text,
  last_error text,
  -- Calls for the current retry that got no outcome; sets the growing delay between them.
  gateway_failures integer not null default 0 check (gateway_failures >= 0),
  -- The instance executing the current retry, until when; another takes over after that.
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'scheduled') = (next_attempt_at is not null)),
  check ((status = 'scheduled') = (stop_reason is null)),
  check ((lease_owner is null) = (lease_expires_at is null))
);

-- Claiming due retries: the earliest due first, among scheduled plans only.
create index payment_plans_due on payment_plans (next_attempt_at) where status = 'scheduled';
-- Listing, newest first, with keyset pagination, with and without a status.
create index payment_plans_newest on payment_plans (created_at desc, id desc);
create index payment_plans_status_newest on payment_plans (status, created_at desc, id desc);

create table attempts (
  id bigint generated always as identity primary key,
  invoice_id text not null check (invoice_id <> ''),
  attempt_number integer not null check (attempt_number >= 1),
  customer_id text not null,
  attempted_at timestamptz not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency text not null,
  billing_interval text not null,
  timezone text not null,
  customer_tenure_days integer check (customer_tenure_days >= 0),
  card_brand text not null,
  card_funding text not null,
  card_country text not null,
  issuer_id text,
  devices_24h integer check (devices_24h >= 0),
  -- Null while the gateway call is under way: written before the call, so that an instance that
  -- takes the retry over knows a call may have been made.
  outcome text check (outcome in ('succeeded', 'failed')),
  decline_code text,
  -- The card network's advice (Mastercard merchant advice code), when it gave one.
  network_advice_code text,
  -- Who made the attempt: registered by the billing system, made by the scheduler, or reported
  -- by a billing system that runs its own retries.
  source text not null check (source in ('registered', 'scheduler', 'reported')),
  -- For the scheduler's retries: the time the decision chose, the probability the model gave
  -- it, and the model's version, to compare predictions with outcomes.
  scheduled_for timestamptz,
  predicted_probability double precision check (predicted_probability between 0 and 1),
  model_version text,
  recorded_at timestamptz not null,
  unique (invoice_id, attempt_number),
  check (outcome is null or (outcome = 'succeeded') = (decline_code is null))
);

-- Exporting a history by time.
create index attempts_attempted_at on attempts (attempted_at);
