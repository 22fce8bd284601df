-- Audit, version 3: one expression index over the payload instead of two.
--
-- Version 1 indexed data->>'householdId'; the read models index the benefits partition key,
-- coalesce(data->>'householdId', 'programme:' || data->>'programmeId'), which is the household id
-- for every event that has one. `data` is json kept verbatim (the hash covers its bytes), so each
-- expression index parses every payload on insert: two of them cost a bulk append about a fifth of
-- its server time (`daftar bench append`). History now looks households up by the partition key,
-- and this index is the only one. `daftar migrate` runs the read models' migrations before the
-- audit layer's, so there it exists already; a database given only the audit layer's migrations
-- gets it here, under the same name and expression.
DROP INDEX IF EXISTS event_store.events_household;
CREATE INDEX IF NOT EXISTS events_benefits_partition_idx ON event_store.events
  ((coalesce(data->>'householdId', 'programme:' || (data->>'programmeId'))));
