-- reporting.eligibility — one row per programme and household: where the household stands now.
--
-- Grain: programme × household. A household with no fact in any programme yet (registered, not
-- assessed) has one row with programme_id NULL and status 'registered'.
-- "Now" is the ledger's latest word, by effective date: a change recorded with a future effective
-- date already shows, with status_since in the future; a retroactive change shows from its date.
--
-- Columns
--   programme_id                   programme id (NULL for a household known only to the registry)
--   household_id                   household id (pseudonymous, HH-…)
--   status                         registered | assessed | eligible | ineligible | enrolled | suspended | excluded | exited
--   status_since                   effective date of the status (date)
--   status_reason                  code: exclusion or suspension reason, exit reason, ineligibility reasons
--                                  (comma-separated), categories met when eligible, 'temporary:<topUpId>'
--                                  for a temporary enrolment; NULL when none applies
--   rule_version                   eligibility rule version of the latest determination (or of the enrolment)
--   monthly_entitlement_minor      monthly entitlement in minor units while enrolled or suspended, else NULL
--   currency                       ISO 4217 code of the entitlement (NULL with it)
--   entitlement_components         the entitlement's components as JSON [{component, amountMinor, …}]
--   enrolment_kind                 regular | temporary while enrolled or suspended, else NULL
--   governorate                    ISO 3166-2 governorate where the household lives now
--   district                       district where the household lives now
--   household_size                 members on status_since
--   pmt_score                      score of the latest eligibility determination
--   last_paid_cycle                latest cycle (YYYY-MM) whose payment was confirmed and not reversed
--   open_appeal                    whether an appeal against the exclusion in force awaits a decision
--   overpayment_outstanding_minor  overpayments identified and not yet recovered, minor units
--   last_event_position            position in the log of the household's latest event applied

-- @tables
CREATE TABLE {{schema}}.eligibility (
  programme_id                  text,
  household_id                  text NOT NULL,
  status                        text NOT NULL CHECK (status IN
                                  ('registered', 'assessed', 'eligible', 'ineligible', 'enrolled', 'suspended', 'excluded', 'exited')),
  status_since                  date,
  status_reason                 text,
  rule_version                  integer,
  monthly_entitlement_minor     bigint,
  currency                      text,
  entitlement_components        jsonb,
  enrolment_kind                text,
  governorate                   text,
  district                      text,
  household_size                integer,
  pmt_score                     numeric,
  last_paid_cycle               text,
  open_appeal                   boolean NOT NULL,
  overpayment_outstanding_minor bigint NOT NULL,
  last_event_position           bigint NOT NULL
);

-- @indexes
CREATE INDEX ON {{schema}}.eligibility (household_id);
CREATE INDEX ON {{schema}}.eligibility (programme_id, status, governorate);

-- @views
CREATE OR REPLACE VIEW reporting.eligibility AS
  SELECT programme_id, household_id, status, status_since, status_reason, rule_version, monthly_entitlement_minor, currency,
         entitlement_components, enrolment_kind, governorate, district, household_size, pmt_score, last_paid_cycle, open_appeal,
         overpayment_outstanding_minor, last_event_position
  FROM {{schema}}.eligibility;
