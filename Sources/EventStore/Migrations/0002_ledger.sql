-- Daftar event store, version 2: the gapless ledger sequence, the global hash chain, and seals.
--
-- Behind the transaction horizon a single sequencer (leader by advisory lock) stamps each event,
-- in the readers' (xid, position) order, with a contiguous ledger_seq (1, 2, 3 … no holes) and
-- extends a global chain: chain_hash = SHA-256(previous chain_hash || event hash). Seals sign the
-- Merkle root of a range of event hashes with Ed25519. Both tables are append-only.

CREATE TABLE event_store.ledger (
  ledger_seq   bigint      PRIMARY KEY CHECK (ledger_seq > 0),
  position     bigint      NOT NULL UNIQUE,
  xid          xid8        NOT NULL,
  recorded_at  timestamptz NOT NULL,
  event_hash   bytea       NOT NULL CHECK (octet_length(event_hash) = 32),
  chain_hash   bytea       NOT NULL CHECK (octet_length(chain_hash) = 32),
  sequenced_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER ledger_immutable BEFORE UPDATE OR DELETE ON event_store.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER ledger_no_truncate BEFORE TRUNCATE ON event_store.ledger
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();

-- The ledger can only grow at its end: the first new row of a statement continues the last one.
CREATE FUNCTION event_store.ledger_contiguous() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_last bigint;
  v_first bigint;
  v_count bigint;
  v_max bigint;
BEGIN
  SELECT min(ledger_seq), count(*), max(ledger_seq) INTO v_first, v_count, v_max FROM new_rows;
  SELECT coalesce(max(l.ledger_seq), 0) INTO v_last
    FROM event_store.ledger l WHERE l.ledger_seq < v_first;
  IF v_first <> v_last + 1 OR v_max - v_first + 1 <> v_count THEN
    RAISE EXCEPTION 'ledger_seq must continue at % without holes (got % to %)', v_last + 1, v_first, v_max
      USING ERRCODE = 'DF011';
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER ledger_contiguous AFTER INSERT ON event_store.ledger
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION event_store.ledger_contiguous();

CREATE TABLE event_store.seals (
  seal_no      bigint      PRIMARY KEY CHECK (seal_no > 0),
  from_seq     bigint      NOT NULL CHECK (from_seq > 0),
  to_seq       bigint      NOT NULL CHECK (to_seq >= from_seq),
  merkle_root  bytea       NOT NULL CHECK (octet_length(merkle_root) = 32),
  chain_head   bytea       NOT NULL CHECK (octet_length(chain_head) = 32),
  sealed_at    timestamptz NOT NULL DEFAULT now(),
  sealed_at_us bigint      NOT NULL,
  public_key   bytea       NOT NULL CHECK (octet_length(public_key) = 32),
  signature    bytea       NOT NULL CHECK (octet_length(signature) = 64)
);
CREATE TRIGGER seals_immutable BEFORE UPDATE OR DELETE ON event_store.seals
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER seals_no_truncate BEFORE TRUNCATE ON event_store.seals
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();

GRANT SELECT ON event_store.ledger, event_store.seals TO daftar_writer, daftar_auditor;
GRANT INSERT (ledger_seq, position, xid, recorded_at, event_hash, chain_hash) ON event_store.ledger TO daftar_writer;
GRANT INSERT (seal_no, from_seq, to_seq, merkle_root, chain_head, sealed_at_us, public_key, signature) ON event_store.seals TO daftar_writer;
