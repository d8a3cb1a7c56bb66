-- A year of managed plans for the recovery metrics' benchmark (benchmarks/load/metrics.sh): :plans
-- plans whose first failures are spread evenly from 2025-12-01 to 2026-12-01, in three currencies,
-- time zones and card brands, every status, 0 to 4 retries each with the model's probability, as
-- the scheduler would have stored them. Run on a database the service has migrated.
\set ON_ERROR_STOP on

insert into payment_plans (invoice_id, customer_id, amount_minor, currency, billing_interval,
  timezone, customer_tenure_days, card_brand, card_funding, card_country, issuer_id, metadata,
  policy_name, policy_inline, applied_policy, arm, registered_attempts, first_failed_at,
  first_decline_code, status, retry_number,
  retries_remaining, deadline, success_probability, reason, model_version, scheduled_for,
  next_attempt_at, recovered_at, stop_reason, final_action, last_error, gateway_failures,
  created_at, updated_at)
select 'in_bench_' || g,
  'cus_' || (g % 400000),
  500 + (g % 40) * 250,
  (array['EUR', 'USD', 'GBP'])[1 + g % 3],
  'month',
  (array['Europe/Paris', 'America/New_York', 'Europe/London'])[1 + g % 3],
  g % 2000,
  (array['visa', 'mastercard', 'amex', 'visa'])[1 + g % 4],
  (array['debit', 'credit'])[1 + g % 2],
  (array['FR', 'US', 'GB', 'DE', 'NL'])[1 + g % 5],
  'iss_' || (g % 97),
  '{}'::jsonb,
  'default', false, '{"name": "default"}'::jsonb,
  case when g % 5 = 0 then 'control' else 'smart' end,
  1,
  f.first,
  (array['insufficient_funds', 'do_not_honor', 'generic_decline', 'expired_card',
    'card_velocity_exceeded'])[1 + g % 5],
  s.status,
  s.retries + 1,
  greatest(0, 8 - s.retries - 1),
  f.first + interval '14 days',
  0.3, 'model_optimum', 'bench',
  case when s.status = 'scheduled' then f.first + (s.retries + 1) * interval '2 days' end,
  case when s.status = 'scheduled' then f.first + (s.retries + 1) * interval '2 days' end,
  case when s.status = 'recovered' then f.first + s.retries * interval '2 days' end,
  case s.status when 'scheduled' then null when 'recovered' then 'recovered'
    when 'exhausted' then 'retries_exhausted' when 'stopped' then 'hard_decline'
    else 'paid_elsewhere' end,
  case when s.status in ('exhausted', 'stopped') then 'mark_uncollectible' end,
  null, 0, f.first, f.first
from generate_series(1, :plans) g
cross join lateral (select timestamptz '2025-12-01 00:00:00+00'
  + (g::double precision / :plans) * interval '365 days' as first) f
cross join lateral (select
  -- Recent plans are still in recovery; of the rest, about half recover.
  -- Those of the last 14 days (the deadline) are partly still in recovery, the older ones final:
  -- the scheduler ends every plan at its deadline.
  case when f.first > timestamptz '2026-11-16 00:00:00+00' and g % 3 = 0 then 'scheduled'
    when g % 10 < 5 then 'recovered' when g % 10 < 7 then 'exhausted'
    when g % 10 = 7 then 'stopped' when g % 10 = 8 then 'resolved'
    when f.first > timestamptz '2026-11-16 00:00:00+00' then 'scheduled'
    else 'exhausted' end as status,
  case when g % 10 = 7 then 0 else 1 + g % 4 end as retries) s;

insert into attempts (invoice_id, attempt_number, customer_id, attempted_at, first_failed_at,
  amount_minor,
  currency, billing_interval, timezone, customer_tenure_days, card_brand, card_funding,
  card_country, issuer_id, devices_24h, outcome, decline_code, network_advice_code, source,
  scheduled_for, predicted_probability, model_version, recorded_at)
select p.invoice_id, k, p.customer_id,
  case when k = 1 then p.first_failed_at
    else p.first_failed_at + (k - 1) * interval '2 days' + (p.id % 24) * interval '1 hour' end,
  p.first_failed_at,
  p.amount_minor, p.currency, p.billing_interval, p.timezone, p.customer_tenure_days,
  p.card_brand, p.card_funding, p.card_country, p.issuer_id, 1,
  case when p.status = 'recovered' and k = p.retry_number then 'succeeded' else 'failed' end,
  case when p.status = 'recovered' and k = p.retry_number then null
    when k = 1 then p.first_decline_code
    else 'insufficient_funds' end,
  null,
  case when k = 1 then 'registered' else 'scheduler' end,
  case when k > 1 then p.created_at + (k - 1) * interval '2 days' end,
  case when k > 1 then ((p.id * 7919 + k * 104729) % 1000) / 1000.0 end,
  case when k > 1 then 'bench' end,
  p.created_at
from payment_plans p
cross join lateral generate_series(1,
  case when p.status = 'scheduled' then greatest(1, p.retry_number - 1)
    when p.status = 'stopped' then 1 else p.retry_number end) k
where p.invoice_id like 'in_bench_%';

vacuum analyze payment_plans;
vacuum analyze attempts;
