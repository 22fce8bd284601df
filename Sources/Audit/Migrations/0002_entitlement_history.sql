-- Audit, version 2: the entitlement history as a view for auditors with psql.
--
-- One row per event that changed a household's standing in a programme, in ledger order:
--   programme_id, household_id   whose standing
--   event_type                   what happened
--   status_after                 the standing it put the household in: eligible, ineligible, enrolled,
--                                temporarily_enrolled, suspended, excluded, exited (NULL for events that
--                                record money rather than a standing: overpayments, recoveries, top-ups)
--   effective_at, recorded_at    business time and transaction time (bitemporal)
--   monthly_entitlement_minor    the monthly amount it set, in ledger units, and its currency
--   amount_minor                 the amount of an overpayment, recovery or top-up
--   cycle                        the payment cycle an overpayment concerns
--   reason                       the coded reason in the event (or in its metadata)
--   rule_version, schedule_version  the rule and benefit schedule applied
--   decided_by, actor            who decided (from the event) and who recorded it
--   evidence                     the evidence reference
--   legal_basis                  the legal basis recorded with it
--   ledger_seq, position, event_id  where it stands in the tamper-evident ledger (ledger_seq is NULL
--                                until the sequencer reaches it; position orders events of one append)
CREATE VIEW audit.entitlement_history AS
SELECT e.data->>'programmeId' AS programme_id,
       e.data->>'householdId' AS household_id,
       e.event_type,
       CASE e.event_type
         WHEN 'EligibilityDetermined' THEN e.data->>'outcome'
         WHEN 'BeneficiaryEnrolled' THEN 'enrolled'
         WHEN 'EntitlementChanged' THEN 'enrolled'
         WHEN 'SuspensionLifted' THEN 'enrolled'
         WHEN 'ExclusionReversed' THEN 'enrolled'
         WHEN 'TemporaryEnrolmentGranted' THEN 'temporarily_enrolled'
         WHEN 'BeneficiarySuspended' THEN 'suspended'
         WHEN 'BeneficiaryExcluded' THEN 'excluded'
         WHEN 'ExclusionAppealRejected' THEN 'excluded'
         WHEN 'BeneficiaryExited' THEN 'exited'
       END AS status_after,
       e.effective_at,
       e.recorded_at,
       (e.data->>'monthlyAmountMinor')::bigint AS monthly_entitlement_minor,
       (e.data->>'amountMinor')::bigint AS amount_minor,
       e.data->>'currency' AS currency,
       e.data->>'cycle' AS cycle,
       coalesce(e.data->>'reason', e.data->>'cause', e.reason) AS reason,
       coalesce(e.data->>'ruleVersion', e.rule_version) AS rule_version,
       e.data->>'scheduleVersion' AS schedule_version,
       e.data->>'decidedBy' AS decided_by,
       e.actor,
       coalesce(e.data->>'evidenceRef', e.evidence) AS evidence,
       coalesce(e.data->>'legalBasis', e.legal_basis) AS legal_basis,
       e.ledger_seq,
       e.position,
       e.event_id
FROM audit.events e
WHERE e.stream_id LIKE 'beneficiary-%'
  AND e.event_type IN ('EligibilityDetermined', 'BeneficiaryEnrolled', 'EntitlementChanged', 'BeneficiarySuspended',
                       'SuspensionLifted', 'BeneficiaryExcluded', 'ExclusionAppealed', 'ExclusionAppealRejected',
                       'ExclusionReversed', 'BeneficiaryExited', 'TemporaryEnrolmentGranted', 'TopUpGranted',
                       'OverpaymentIdentified', 'OverpaymentRecovered');

GRANT SELECT ON audit.entitlement_history TO daftar_auditor, daftar_writer;
