-- Audit, version 1: find one household's events without reading the whole log.
--
-- Every event of a household's streams (registry, each programme's beneficiary stream, each
-- payment) carries its householdId in the payload (EventSchemas: required there). The index covers
-- every partition, present and future.
CREATE INDEX events_household ON event_store.events ((data->>'householdId'));
