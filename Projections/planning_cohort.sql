-- planning_cohort — what a cost projection reads of the ledger: every programme household where it
-- stands now, with its members, and the flows of every month (payments, exits, individual
-- exclusions, entries, failures, appeals). The planner loads it with COPY (PlanningLedger's
-- CohortLoader); the exact path recomputes the same rows from the events at any ledger position.
--
-- Grain (cohort): programme × household, for every household with a beneficiary record or an
-- assessment under the programme. "Now" is the ledger's latest word by effective date (as in
-- reporting.eligibility): area, members, head and standing on 2099-12-31 as known.
-- Grain (flows): programme × governorate × month; each household counts in the governorate it lived
-- in on the month's first day. Effective dates place exits, exclusions and entries in their month,
-- decision dates place appeals, and a payment counts in its cycle's month.
--
-- The cohort holds members' birth dates, so it has no reporting view: only the planner reads it (the
-- build's schema, found through projection.builds). reporting.planning_flows shows the flows.
--
-- Columns (cohort)
--   programme_id       programme id
--   household_id       household id (pseudonymous, HH-…); the partition
--   governorate        ISO 3166-2 governorate where the household lives now
--   district           district where it lives now
--   standing           enrolled | temporarilyEnrolled | suspended | excluded | excludedAppealPending | candidate
--                      (candidate: assessed or found eligible and never enrolled, or exited); a temporary
--                      enrolment stays temporarilyEnrolled after its end until an exit is recorded
--   temporary_ends_on  last day of a temporary enrolment (temporarilyEnrolled only), else NULL
--   score              PMT score of the latest assessment under the programme (by assessment date, the
--                      last recorded of a day), exactly as recorded; NULL when never assessed
--   head_person_id     the head now, NULL when the household has none
--   members            every member now, ordered by person id: records separated by ';', each
--                      'personId,sex,birthDate,relationship,maritalStatus,workStatus,disability,orphanhood'
--                      with the birth date YYYY-MM-DD and one-letter codes:
--                        sex            f female, m male
--                        relationship   h head, p spouse, s son, d daughter, f father, m mother, b brother,
--                                       t sister, g grandchild, i sonInLaw, j daughterInLaw, o otherRelative,
--                                       n nonRelative
--                        maritalStatus  n neverMarried, m married, w widowed, d divorced, a abandoned,
--                                       i spouseImprisoned, s spouseMissing
--                        workStatus     e employed, s selfEmployed, u unemployed, x unableToWork, t student,
--                                       h homeMaker, r retired, c child
--                        disability     n none, m moderate, s severe
--                        orphanhood     n notOrphan, p paternal, m maternal, d double
--                      e.g. 'P-BG0001234501,f,1980-05-10,h,w,h,n,n;P-BG0001234502,m,2012-03-02,s,n,c,n,p';
--                      '' for a household with no member now
--   top_ups            emergency top-ups granted, per cycle: 'YYYY-MM:amount' pairs separated by ';' in
--                      cycle order, amounts in minor units summed over the top-ups of a cycle; NULL when none
--   currency           ISO 4217 code of the entitlement (or of the top-ups); NULL when neither is known
--
-- Columns (flows, and reporting.planning_flows)
--   programme_id          programme id
--   governorate           ISO 3166-2 governorate ('' when the household's area is unknown)
--   month                 the month's first day (date)
--   payable_households    payments scheduled for the month's cycle (one per household paid)
--   exits                 BeneficiaryExited effective in the month
--   exclusions            BeneficiaryExcluded effective in the month on an individual decision: neither
--                         a proposal nor a cross-match run (a cross-match is a campaign, not a monthly flow)
--   entries               a household's first BeneficiaryEnrolled, and every TemporaryEnrolmentGranted,
--                         effective in the month
--   scheduled_minor       amounts scheduled for the month's cycle, minor units
--   failed_minor          of those, the scheduled amount of payments whose latest attempt failed
--   appeals_decided       appeals decided in the month: ExclusionAppealRejected, and ExclusionReversed with an appeal
--   appeals_upheld        of those, the exclusions reversed

-- @tables
CREATE TABLE {{schema}}.cohort (
  programme_id      text NOT NULL,
  household_id      text NOT NULL,
  governorate       text NOT NULL,
  district          text NOT NULL,
  standing          text NOT NULL CHECK (standing IN
                      ('enrolled', 'temporarilyEnrolled', 'suspended', 'excluded', 'excludedAppealPending', 'candidate')),
  temporary_ends_on date,
  score             numeric,
  head_person_id    text,
  members           text NOT NULL,
  top_ups           text,
  currency          text
);

CREATE TABLE {{schema}}.flows (
  programme_id       text NOT NULL,
  governorate        text NOT NULL,
  month              date NOT NULL,
  payable_households bigint NOT NULL,
  exits              bigint NOT NULL,
  exclusions         bigint NOT NULL,
  entries            bigint NOT NULL,
  scheduled_minor    bigint NOT NULL,
  failed_minor       bigint NOT NULL,
  appeals_decided    bigint NOT NULL,
  appeals_upheld     bigint NOT NULL,
  PRIMARY KEY (programme_id, governorate, month)
);

-- @indexes
CREATE INDEX ON {{schema}}.cohort (household_id);
CREATE INDEX ON {{schema}}.cohort (programme_id, standing);

-- @views
CREATE OR REPLACE VIEW reporting.planning_flows AS
  SELECT programme_id, governorate, month, payable_households, exits, exclusions, entries, scheduled_minor, failed_minor,
         appeals_decided, appeals_upheld
  FROM {{schema}}.flows;
