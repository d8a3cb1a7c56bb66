-- Events out (docs/http-api.md, section 7) and manual policies (section 8).
--
-- An event is written in the transaction of the plan change it tells of (the outbox), with one
-- delivery per endpoint that wants it; a dispatcher on every instance claims due deliveries as the
-- scheduler claims due retries (lease, FOR UPDATE SKIP LOCKED) and records each try. Times are the
-- service's clock, as in V7.

alter table policies drop constraint policies_mode_check;
alter table policies add constraint policies_mode_check check (mode in ('smart', 'fixed', 'manual'));

create table webhook_endpoints (
  id text primary key check (id ~ '^we_[A-Za-z0-9]+$'),
  url text not null check (url ~* '^https?://'),
  -- The event types it wants, or ["*"] for all.
  events jsonb not null check (jsonb_typeof(events) = 'array' and jsonb_array_length(events) > 0),
  status text not null check (status in ('enabled', 'disabled')),
  disabled_reason text,
  -- The signing secret, sealed with SMART_RETRY_SECRET_KEY (AES-256-GCM: base64 of nonce and
  -- ciphertext), so that a dump of the database alone does not reveal it.
  secret_sealed text not null,
  -- After a rotation, the secret it replaced, which signs beside the new one until it expires.
  previous_secret_sealed text,
  previous_secret_expires_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'disabled') = (disabled_reason is not null)),
  check ((previous_secret_sealed is null) = (previous_secret_expires_at is null))
);

create table plan_events (
  id text primary key check (id ~ '^evt_[A-Za-z0-9]+$'),
  plan_id bigint not null references payment_plans (id),
  -- One plan's events in the order of its changes, from 1; receivers order by it.
  sequence integer not null check (sequence >= 1),
  type text not null,
  -- The body as sent and signed, byte for byte, on every try.
  body text not null,
  created_at timestamptz not null,
  unique (plan_id, sequence)
);

create table webhook_deliveries (
  id bigint generated always as identity primary key,
  event_id text not null references plan_events (id),
  endpoint_id text not null references webhook_endpoints (id) on delete cascade,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  -- Tries made so far; sets the wait before the next one.
  tries integer not null default 0 check (tries >= 0),
  -- When the next try is due. Null exactly when the delivery is over.
  next_attempt_at timestamptz,
  last_status_code integer,
  last_error text,
  -- The instance making the current try, until when; another takes over after that.
  lease_owner text,
  lease_expires_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((status = 'pending') = (next_attempt_at is not null)),
  check ((lease_owner is null) = (lease_expires_at is null))
);

-- Claiming: each endpoint's due deliveries, the earliest first.
create index webhook_deliveries_due on webhook_deliveries (endpoint_id, next_attempt_at)
  where status = 'pending';
-- Counting the tries under way per endpoint, which the claim caps.
create index webhook_deliveries_leased on webhook_deliveries (endpoint_id, lease_expires_at)
  where status = 'pending' and lease_owner is not null;
-- The delivery log, newest first, per endpoint and status.
create index webhook_deliveries_newest on webhook_deliveries (endpoint_id, status, id desc);
create index webhook_deliveries_event on webhook_deliveries (event_id);

create table webhook_delivery_tries (
  delivery_id bigint not null references webhook_deliveries (id) on delete cascade,
  try integer not null check (try >= 1),
  attempted_at timestamptz not null,
  -- The endpoint's answer; null when it gave none (timeout, refused connection, ...).
  status_code integer,
  error text,
  duration_millis integer not null check (duration_millis >= 0),
  primary key (delivery_id, try)
);
