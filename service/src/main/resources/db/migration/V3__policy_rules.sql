-- Routing rules (docs/http-api.md, section 3): an ordered list; the first rule whose
-- conditions all hold for an invoice sends it to its policy. A null condition holds for
-- every invoice. The API replaces the whole list at once.
--
-- The vocabularies of billing_interval, card_brand and card_funding are the dataset's
-- (attempts-dataset.md), checked by the API, so that a new value needs no migration.
create table policy_rules (
  position integer primary key check (position >= 0),
  name text not null unique check (name ~ '^[a-z0-9_-]{1,64}$'),
  -- Keeps a policy from being deleted while a rule sends invoices to it.
  policy text not null references policies (name),
  billing_interval text check (billing_interval <> ''),
  -- Minor units, inclusive.
  amount_min bigint check (amount_min >= 0),
  amount_max bigint check (amount_max >= 0),
  currency text check (currency ~ '^[A-Z]{3}$'),
  card_brand text check (card_brand <> ''),
  card_funding text check (card_funding <> ''),
  card_country text check (card_country ~ '^[A-Z]{2}$'),
  -- Entries the invoice's metadata must all have, with equal values.
  metadata jsonb not null default '{}' check (jsonb_typeof(metadata) = 'object'),
  check (amount_min <= amount_max)
);

-- Deleting a policy looks up the rules that name it.
create index policy_rules_policy on policy_rules (policy);
