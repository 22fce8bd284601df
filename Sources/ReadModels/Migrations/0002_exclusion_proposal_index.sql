-- Read models, version 2: an index of the exclusion proposals, so that the proposal queue
-- (Audit's ExclusionProposalQueue, `daftar proposals`) finds the beneficiary streams with a proposal,
-- or one proposal by its id, by reading the proposals rather than the whole log. Partial: it holds
-- the ExclusionProposed rows only, a small fraction of the ledger.
CREATE INDEX events_exclusion_proposed_idx ON event_store.events ((data->>'proposalId'))
  WHERE event_type = 'ExclusionProposed';
