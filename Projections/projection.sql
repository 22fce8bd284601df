-- reporting.projection — the cost projections published for each programme (CostProjectionPublished).
--
-- Grain: one row per published projection. A projection is a fact of the ledger: its scenario (the
-- canonical JSON is in the event; its digest is here), the ledger position its cohort was read at,
-- the months projected, the method's version and the digest of its result, so that anyone can
-- recompute it from the ledger and compare.
--
-- Columns
--   projection_id            the projection (CP-…)
--   programme_id             programme id
--   scenario_name            the scenario's name as shown in tables and charts (the event's scenarioLabel)
--   scenario_digest          SHA-256 of the scenario's canonical JSON, lower-case hex
--   pinned_ledger_seq        the ledger position the cohort was read at (every event with ledger_seq ≤ it)
--   from_month               the first month projected (its first day, date)
--   months                   months projected
--   fiscal_year_start_month  first month of a fiscal year (1 = January)
--   method_version           version of the projection method
--   result_digest            SHA-256 of the result's canonical JSON, lower-case hex
--   currency                 ISO 4217 code
--   total_cost_minor         the projection's total cost over its months, minor units (the event's totalAmountMinor)
--   published_on             date of publication
--   actor                    who published it (the event's metadata, kind:id)
--   reason                   the reason code given (metadata), NULL when none
--   recorded_at              when the publication was recorded

-- @tables
CREATE TABLE {{schema}}.projection (
  partition_key           text NOT NULL,
  projection_id           text NOT NULL,
  programme_id            text NOT NULL,
  scenario_name           text NOT NULL,
  scenario_digest         text NOT NULL,
  pinned_ledger_seq       bigint NOT NULL,
  from_month              date NOT NULL,
  months                  integer NOT NULL,
  fiscal_year_start_month integer NOT NULL,
  method_version          integer NOT NULL,
  result_digest           text NOT NULL,
  currency                text NOT NULL,
  total_cost_minor        bigint NOT NULL,
  published_on            date NOT NULL,
  actor                   text,
  reason                  text,
  recorded_at             timestamptz
);

-- @indexes
CREATE INDEX ON {{schema}}.projection (partition_key);
CREATE INDEX ON {{schema}}.projection (programme_id, published_on);

-- @views
CREATE OR REPLACE VIEW reporting.projection AS
  SELECT projection_id, programme_id, scenario_name, scenario_digest, pinned_ledger_seq, from_month, months, fiscal_year_start_month,
         method_version, result_digest, currency, total_cost_minor, published_on, actor, reason, recorded_at
  FROM {{schema}}.projection;
