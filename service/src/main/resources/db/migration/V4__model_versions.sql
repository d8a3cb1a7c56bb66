-- The model versions the service knows (docs/http-api.md, section 5), and which one was
-- activated last.
--
-- A row is registered, or refreshed, whenever an instance of the service finds the model: the
-- shipped default, the SMART_RETRY_MODEL directory, or a directory under the models directory.
-- Rows are never deleted: a directory that disappears keeps its row and its history, and its
-- activation then fails with the reason.
create table model_versions (
  -- The manifest's version, e.g. 2026-11-21T21:09:06Z-0a6139: unique per trained model.
  version text primary key check (version <> ''),
  -- Where it was found: the directory's absolute path, or classpath:default for the model
  -- shipped in the service's jar.
  source text not null check (source <> ''),
  algorithm text,
  trained_at timestamptz,
  -- The kept classifier's validation figures from its metrics.json; null if it has none.
  roc_auc double precision,
  log_loss double precision,
  brier double precision,
  registered_at timestamptz not null default now(),
  activated_at timestamptz,
  active boolean not null default false,
  check (not active or activated_at is not null)
);

-- At most one version is active: the one activated last, by any instance.
create unique index model_versions_one_active on model_versions (active) where active;
