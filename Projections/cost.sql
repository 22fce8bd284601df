-- reporting.cost — what the programme pays, per programme, area, month and benefit component;
-- reporting.budget_execution — against the budget allocated, per programme and fiscal year.
--
-- Grain (cost): programme × governorate × district × month × component × currency. A payment's
-- amounts count in its cycle's month, in the area the household lived in on the cycle's first day;
-- an overpayment in the month of the cycle overpaid; a recovery in the month it was recovered.
-- Stage amounts (issued, confirmed, failed, reversed) and overpayments are split over the payment's
-- components in proportion to the scheduled amounts, remainders to the largest component, so that
-- every column sums exactly to the ledger's amounts.
--
-- Columns (reporting.cost)
--   programme_id      programme id
--   governorate       ISO 3166-2 governorate ('' when the household's area is unknown)
--   district          district ('' when unknown)
--   month             the cycle's first day (date)
--   component         base | sizeTable | perMember | perChild | perElderly | perDisabled | capAdjustment |
--                     emergencyTopUp | oneOffGrant | arrears | overpaymentDeduction
--   currency          ISO 4217 code
--   payments          payments scheduled (counted on their largest component only, so the column sums to payments)
--   scheduled_minor   amounts scheduled, minor units
--   issued_minor      amounts sent to payment providers, re-issues included
--   confirmed_minor   amounts providers confirmed delivered
--   failed_minor      amounts of failed attempts
--   reversed_minor    amounts reversed after delivery
--   overpaid_minor    overpayments identified for the month
--   recovered_minor   overpayments recovered in the month
--
-- Columns (reporting.budget_execution)
--   programme_id      programme id
--   fiscal_year       fiscal year (calendar year)
--   currency          ISO 4217 code
--   allocated_minor   budget allocated: initial plus supplementary minus reductions
--   scheduled_minor   scheduled in the year's cycles
--   paid_minor        confirmed minus reversed
--   recovered_minor   overpayments recovered in the year
--   net_cost_minor    paid minus recovered
--   execution_rate    net cost / allocated, numeric, 4 decimals (NULL without an allocation)
--   remaining_minor   allocated minus net cost

-- @tables
CREATE TABLE {{schema}}.cost (
  programme_id    text NOT NULL,
  governorate     text NOT NULL,
  district        text NOT NULL,
  month           date NOT NULL,
  component       text NOT NULL,
  currency        text NOT NULL,
  payments        bigint NOT NULL,
  scheduled_minor bigint NOT NULL,
  issued_minor    bigint NOT NULL,
  confirmed_minor bigint NOT NULL,
  failed_minor    bigint NOT NULL,
  reversed_minor  bigint NOT NULL,
  overpaid_minor  bigint NOT NULL,
  recovered_minor bigint NOT NULL,
  PRIMARY KEY (programme_id, governorate, district, month, component, currency)
);

CREATE TABLE {{schema}}.budget (
  programme_id    text NOT NULL,
  fiscal_year     integer NOT NULL,
  currency        text NOT NULL,
  allocated_minor bigint NOT NULL,
  PRIMARY KEY (programme_id, fiscal_year, currency)
);

-- @indexes
CREATE INDEX ON {{schema}}.cost (programme_id, month);

-- @views
CREATE OR REPLACE VIEW reporting.cost AS
  SELECT programme_id, governorate, district, month, component, currency, payments, scheduled_minor, issued_minor,
         confirmed_minor, failed_minor, reversed_minor, overpaid_minor, recovered_minor
  FROM {{schema}}.cost;

CREATE OR REPLACE VIEW reporting.budget_execution AS
  WITH spent AS (
    SELECT programme_id, extract(year FROM month)::integer AS fiscal_year, currency,
           sum(scheduled_minor) AS scheduled_minor, sum(confirmed_minor - reversed_minor) AS paid_minor,
           sum(recovered_minor) AS recovered_minor
    FROM {{schema}}.cost GROUP BY 1, 2, 3
  ), years AS (
    SELECT programme_id, fiscal_year, currency FROM spent
    UNION SELECT programme_id, fiscal_year, currency FROM {{schema}}.budget
  )
  SELECT y.programme_id, y.fiscal_year, y.currency,
         coalesce(b.allocated_minor, 0)::bigint AS allocated_minor,
         coalesce(s.scheduled_minor, 0)::bigint AS scheduled_minor,
         coalesce(s.paid_minor, 0)::bigint AS paid_minor,
         coalesce(s.recovered_minor, 0)::bigint AS recovered_minor,
         (coalesce(s.paid_minor, 0) - coalesce(s.recovered_minor, 0))::bigint AS net_cost_minor,
         CASE WHEN coalesce(b.allocated_minor, 0) > 0
              THEN round((coalesce(s.paid_minor, 0) - coalesce(s.recovered_minor, 0))::numeric / b.allocated_minor, 4) END AS execution_rate,
         (coalesce(b.allocated_minor, 0) - coalesce(s.paid_minor, 0) + coalesce(s.recovered_minor, 0))::bigint AS remaining_minor
  FROM years y
  LEFT JOIN spent s USING (programme_id, fiscal_year, currency)
  LEFT JOIN {{schema}}.budget b USING (programme_id, fiscal_year, currency);
