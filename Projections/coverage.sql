-- reporting.coverage — who the programme reaches, per programme, district and month.
--
-- Grain: programme × governorate × district × month, for every month from the programme's start to
-- its latest payment cycle, and every district where a household is registered. Each count is taken
-- on the month's first day, with what the ledger knows now: a retroactive exclusion changes the
-- months it is effective in, not the month it was recorded in.
--
-- Stored as changes (coverage_changes: what each month's first day adds or removes, summed over
-- households; programme_id '' holds the registry's own counts) and summed up to each month by the view.
--
-- Columns
--   programme_id                      programme id
--   governorate                       ISO 3166-2 governorate
--   district                          district
--   month                             the month's first day (date)
--   enrolled_households               households enrolled (regularly or temporarily), payable on that day
--   enrolled_persons                  members of those households
--   female_persons                    of whom female
--   child_persons                     of whom under 18 on that day
--   elderly_persons                   of whom 65 or over on that day
--   disabled_persons                  of whom living with a moderate or severe disability
--   temporary_households              of the enrolled, those under an emergency temporary enrolment
--   suspended_households              households enrolled but suspended (not paid)
--   eligible_not_enrolled_households  households found eligible and not enrolled
--   excluded_households               households excluded
--   registered_households             households in the social registry in the district (all programmes)
--   registered_persons                their members
--   coverage_rate                     enrolled / (enrolled + eligible not enrolled), numeric 0–1, 4 decimals;
--                                     NULL when both are zero

-- @tables
CREATE TABLE {{schema}}.coverage_changes (
  programme_id                     text NOT NULL,
  governorate                      text NOT NULL,
  district                         text NOT NULL,
  month                            date NOT NULL,
  registered_households            bigint NOT NULL,
  registered_persons               bigint NOT NULL,
  enrolled_households              bigint NOT NULL,
  enrolled_persons                 bigint NOT NULL,
  female_persons                   bigint NOT NULL,
  child_persons                    bigint NOT NULL,
  elderly_persons                  bigint NOT NULL,
  disabled_persons                 bigint NOT NULL,
  temporary_households             bigint NOT NULL,
  suspended_households             bigint NOT NULL,
  eligible_not_enrolled_households bigint NOT NULL,
  excluded_households              bigint NOT NULL,
  PRIMARY KEY (programme_id, governorate, district, month)
);

CREATE TABLE {{schema}}.programme_months (
  partition_key text NOT NULL,
  programme_id  text NOT NULL,
  first_month   date NOT NULL,
  last_month    date NOT NULL
);

-- @indexes
CREATE UNIQUE INDEX ON {{schema}}.programme_months (programme_id);

-- @views
CREATE OR REPLACE VIEW reporting.coverage AS
  WITH grid AS (
    SELECT pm.programme_id, a.governorate, a.district, m::date AS month
    FROM {{schema}}.programme_months pm
    CROSS JOIN generate_series(pm.first_month, pm.last_month, interval '1 month') m
    CROSS JOIN (SELECT DISTINCT governorate, district FROM {{schema}}.coverage_changes) a
  ), totals AS (
    SELECT g.programme_id, g.governorate, g.district, g.month,
      coalesce(sum(c.enrolled_households) FILTER (WHERE c.programme_id <> ''), 0) AS enrolled_households,
      coalesce(sum(c.enrolled_persons) FILTER (WHERE c.programme_id <> ''), 0) AS enrolled_persons,
      coalesce(sum(c.female_persons) FILTER (WHERE c.programme_id <> ''), 0) AS female_persons,
      coalesce(sum(c.child_persons) FILTER (WHERE c.programme_id <> ''), 0) AS child_persons,
      coalesce(sum(c.elderly_persons) FILTER (WHERE c.programme_id <> ''), 0) AS elderly_persons,
      coalesce(sum(c.disabled_persons) FILTER (WHERE c.programme_id <> ''), 0) AS disabled_persons,
      coalesce(sum(c.temporary_households) FILTER (WHERE c.programme_id <> ''), 0) AS temporary_households,
      coalesce(sum(c.suspended_households) FILTER (WHERE c.programme_id <> ''), 0) AS suspended_households,
      coalesce(sum(c.eligible_not_enrolled_households) FILTER (WHERE c.programme_id <> ''), 0) AS eligible_not_enrolled_households,
      coalesce(sum(c.excluded_households) FILTER (WHERE c.programme_id <> ''), 0) AS excluded_households,
      coalesce(sum(c.registered_households) FILTER (WHERE c.programme_id = ''), 0) AS registered_households,
      coalesce(sum(c.registered_persons) FILTER (WHERE c.programme_id = ''), 0) AS registered_persons
    FROM grid g
    LEFT JOIN {{schema}}.coverage_changes c
      ON c.programme_id IN (g.programme_id, '') AND c.governorate = g.governorate AND c.district = g.district AND c.month <= g.month
    GROUP BY g.programme_id, g.governorate, g.district, g.month
  )
  SELECT programme_id, governorate, district, month,
         enrolled_households, enrolled_persons, female_persons, child_persons, elderly_persons, disabled_persons,
         temporary_households, suspended_households, eligible_not_enrolled_households, excluded_households,
         registered_households, registered_persons,
         CASE WHEN enrolled_households + eligible_not_enrolled_households > 0
              THEN round(enrolled_households::numeric / (enrolled_households + eligible_not_enrolled_households), 4) END AS coverage_rate
  FROM totals;
