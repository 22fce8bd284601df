-- Daftar event store, version 3: the auditor's read-only SQL interface.
--
-- The `audit` schema holds views over the event store; `daftar_auditor` may read these views and
-- nothing else (no base table, no personal data). `daftar verify` reads only these views, so an
-- auditor can run it with their own role. Example queries: Ops/audit-queries.md.

CREATE SCHEMA audit;

-- Every event, with its place in the ledger and its metadata spread into columns.
CREATE VIEW audit.events AS
SELECT l.ledger_seq, e.position, e.xid, e.recorded_at, e.effective_at, e.stream_id, e.stream_version,
       e.event_id, e.event_type, e.schema_version, e.data, e.metadata,
       e.metadata->>'actor' AS actor, e.metadata->>'role' AS actor_role, e.metadata->>'reason' AS reason,
       e.metadata->>'ruleVersion' AS rule_version, e.metadata->>'evidence' AS evidence,
       e.metadata->>'legalBasis' AS legal_basis, e.metadata->>'correlationId' AS correlation_id,
       e.metadata->>'causationId' AS causation_id, e.idempotency_key, e.prev_hash, e.hash, l.chain_hash
FROM event_store.events e
LEFT JOIN event_store.ledger l ON l.position = e.position;

-- The global chain and the seals, as stored.
CREATE VIEW audit.ledger AS
SELECT ledger_seq, position, xid, recorded_at, event_hash, chain_hash, sequenced_at FROM event_store.ledger;

CREATE VIEW audit.seals AS
SELECT seal_no, from_seq, to_seq, merkle_root, chain_head, sealed_at, sealed_at_us, public_key, signature FROM event_store.seals;

-- Stream heads: each stream's current version and last hash.
CREATE VIEW audit.stream_heads AS
SELECT stream_id, version, last_hash FROM event_store.streams;

-- The auditor reads the views only.
REVOKE ALL ON ALL TABLES IN SCHEMA event_store FROM daftar_auditor;
REVOKE USAGE ON SCHEMA event_store FROM daftar_auditor;
GRANT USAGE ON SCHEMA audit TO daftar_auditor, daftar_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA audit TO daftar_auditor, daftar_writer;
