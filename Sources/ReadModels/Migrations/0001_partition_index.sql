-- Read models, version 1: an index on the benefits partition key, so that a catch-up batch can read
-- the whole history of each household it touches (and of each programme) without a scan.
-- The expression is BenefitsFolder.partitionKey's, character for character, so the planner uses it.
CREATE INDEX events_benefits_partition_idx ON event_store.events
  ((coalesce(data->>'householdId', 'programme:' || (data->>'programmeId'))));
