-- Daftar event store, version 1: append-only events, stream heads, idempotency keys, roles.
--
-- The contract (DESIGN.md §3) this enforces in the database itself:
--   * events and idempotency keys can be inserted and read, never updated, deleted or truncated,
--     whoever asks (triggers; the owner included);
--   * the application role may insert only the event's content: position, xid and recorded_at
--     always come from the database, so readers can trust the transaction horizon;
--   * stream versions and idempotency keys are unique through two non-partitioned tables keyed
--     by stream id and by key, so the rule survives partitioning and distribution by stream.

CREATE SCHEMA event_store;

-- Roles are cluster-wide: create them once, tolerate them existing (or being created concurrently
-- by another database's migration).
DO $$ BEGIN
  CREATE ROLE daftar_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  CREATE ROLE daftar_auditor NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

CREATE FUNCTION event_store.reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'event_store.% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'DF010', HINT = 'Record a correcting event instead.';
END $$;

-- Microseconds since the Unix epoch: the exact, setting-independent form of a timestamp that
-- event hashes cover.
CREATE FUNCTION event_store.micros(t timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (extract(epoch FROM t) * 1000000)::bigint $$;

-- The event hash: SHA-256 over the stream's previous hash and the event's canonical content.
-- The Swift implementation (EventHash.swift) computes the same bytes; a test holds them equal.
CREATE FUNCTION event_store.event_hash(
  p_prev bytea, p_event_id uuid, p_stream_id text, p_stream_version bigint, p_event_type text,
  p_schema_version integer, p_effective_at date, p_recorded_us bigint, p_idempotency_key text,
  p_data text, p_metadata text
) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT sha256(p_prev || convert_to(
    'daftar.event.v1' || E'\n' || p_event_id::text || E'\n' || p_stream_id || E'\n' ||
    p_stream_version::text || E'\n' || p_event_type || E'\n' || p_schema_version::text || E'\n' ||
    to_char(p_effective_at, 'YYYY-MM-DD') || E'\n' || p_recorded_us::text || E'\n' ||
    p_idempotency_key || E'\n' || p_data || E'\n' || p_metadata, 'UTF8'))
$$;

CREATE SEQUENCE event_store.event_position AS bigint;

-- The log. Ordered for readers by (xid, position) behind the transaction horizon.
CREATE TABLE event_store.events (
  position        bigint      NOT NULL DEFAULT nextval('event_store.event_position'),
  xid             xid8        NOT NULL DEFAULT pg_current_xact_id(),
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  stream_id       text        NOT NULL,
  stream_version  bigint      NOT NULL CHECK (stream_version > 0),
  event_id        uuid        NOT NULL,
  event_type      text        NOT NULL,
  schema_version  integer     NOT NULL CHECK (schema_version > 0),
  effective_at    date        NOT NULL,
  data            json        NOT NULL,
  metadata        json        NOT NULL,
  idempotency_key text        NOT NULL,
  prev_hash       bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
  hash            bytea       NOT NULL CHECK (octet_length(hash) = 32)
) PARTITION BY RANGE (recorded_at);

CREATE INDEX events_horizon_order ON event_store.events (xid, position);
CREATE INDEX events_stream ON event_store.events (stream_id, stream_version);

CREATE TRIGGER events_immutable_rows BEFORE UPDATE OR DELETE ON event_store.events
  FOR EACH ROW EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER events_immutable BEFORE UPDATE OR DELETE ON event_store.events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON event_store.events
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();

-- Statement-level triggers are not inherited by partitions: each partition gets its own.
CREATE FUNCTION event_store.protect_partition(p_name text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER partition_immutable BEFORE UPDATE OR DELETE ON event_store.%I
                  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change()', p_name);
  EXECUTE format('CREATE TRIGGER partition_no_truncate BEFORE TRUNCATE ON event_store.%I
                  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change()', p_name);
END $$;

CREATE TABLE event_store.events_default PARTITION OF event_store.events DEFAULT;
SELECT event_store.protect_partition('events_default');

-- Monthly partitions by recorded time (UTC), so that a sealed fiscal period can be detached and
-- archived as a unit. A month whose rows already landed in the default partition is left there.
CREATE FUNCTION event_store.ensure_partitions(p_from date, p_months integer) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
  m date := date_trunc('month', p_from)::date;
  v_name text;
  v_created integer := 0;
BEGIN
  FOR i IN 0 .. p_months - 1 LOOP
    v_name := 'events_' || to_char(m, 'YYYY_MM');
    IF to_regclass('event_store.' || v_name) IS NULL THEN
      BEGIN
        EXECUTE format('CREATE TABLE event_store.%I PARTITION OF event_store.events FOR VALUES FROM (%L) TO (%L)',
                       v_name, to_char(m, 'YYYY-MM-DD') || ' 00:00:00+00',
                       to_char((m + interval '1 month')::date, 'YYYY-MM-DD') || ' 00:00:00+00');
        PERFORM event_store.protect_partition(v_name);
        v_created := v_created + 1;
      EXCEPTION WHEN check_violation OR duplicate_table THEN
        NULL;
      END;
    END IF;
    m := (m + interval '1 month')::date;
  END LOOP;
  RETURN v_created;
END $$;

SELECT event_store.ensure_partitions((now() - interval '1 month')::date, 27);

-- Stream heads: one row per stream, the source of truth for its version and last hash.
-- fillfactor leaves room on each page so that advancing a head is a HOT update (no index write).
CREATE TABLE event_store.streams (
  stream_id  text    PRIMARY KEY,
  version    bigint  NOT NULL CHECK (version >= 0),
  last_hash  bytea   NOT NULL CHECK (octet_length(last_hash) = 32)
) WITH (fillfactor = 70);
CREATE TRIGGER streams_no_delete BEFORE DELETE ON event_store.streams
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER streams_no_truncate BEFORE TRUNCATE ON event_store.streams
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();

-- Idempotency keys: one row per accepted append, with the hash of its canonical request and
-- where its events are (xid and recorded_at locate them without an index of their own).
CREATE TABLE event_store.idempotency_keys (
  key          text        PRIMARY KEY,
  request_hash bytea       NOT NULL CHECK (octet_length(request_hash) = 32),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  xid          xid8        NOT NULL DEFAULT pg_current_xact_id()
);
CREATE TRIGGER idempotency_immutable BEFORE UPDATE OR DELETE ON event_store.idempotency_keys
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();
CREATE TRIGGER idempotency_no_truncate BEFORE TRUNCATE ON event_store.idempotency_keys
  FOR EACH STATEMENT EXECUTE FUNCTION event_store.reject_change();

-- One append, as parallel arrays (no JSON is parsed here): the streams, sorted by id and unique,
-- with their expectations (NULL = any, 0 = the stream must not exist, n = exact version); then per
-- event its stream's index (0-based), type, schema version, business date, and its payload and
-- metadata as canonical JSON text (hashed exactly as given). p_request_hash is SHA-256 of the
-- canonical request (PreparedRequest.swift), what idempotency compares.
-- p_notify: whether to NOTIFY subscribers at commit. NOTIFY serialises committing transactions on
-- a cluster-wide queue lock, so writers coalesce it (at most one per process per 50 ms, see
-- NotifyThrottle.swift); subscribers re-poll shortly after each wake-up and poll regularly.
CREATE FUNCTION event_store.append(
  p_key text, p_request_hash bytea, p_streams text[], p_expected bigint[], p_event_streams integer[],
  p_types text[], p_schema_versions integer[], p_effective date[], p_data text[], p_metadata text[],
  p_notify boolean DEFAULT true)
RETURNS TABLE (out_position bigint, out_stream_id text, out_stream_version bigint, out_event_id uuid,
               out_xid text, out_recorded_us bigint, out_hash bytea, out_duplicate boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_request_hash bytea := p_request_hash;
  v_streams text[] := p_streams;
  v_expected bigint[] := p_expected;
  v_events integer := coalesce(array_length(p_types, 1), 0);
  v_recorded_us bigint := event_store.micros(now());
  v_xid xid8 := pg_current_xact_id();
  v_zero bytea := decode(repeat('00', 32), 'hex');
  v_existing record;
  v_versions bigint[];
  v_old bigint[];
  v_last bytea[];
  v_version bigint;
  v_prev bytea;
  v_idx integer;
  v_event_id uuid;
  v_hash bytea;
BEGIN
  IF octet_length(p_request_hash) IS DISTINCT FROM 32 OR coalesce(array_length(p_streams, 1), 0) = 0
     OR coalesce(array_length(p_expected, 1), 0) <> array_length(p_streams, 1) OR v_events = 0
     OR coalesce(array_length(p_event_streams, 1), 0) <> v_events OR coalesce(array_length(p_schema_versions, 1), 0) <> v_events
     OR coalesce(array_length(p_effective, 1), 0) <> v_events OR coalesce(array_length(p_data, 1), 0) <> v_events
     OR coalesce(array_length(p_metadata, 1), 0) <> v_events THEN
    RAISE EXCEPTION 'an append needs a 32-byte request hash, at least one stream and one event, and arrays of matching lengths'
      USING ERRCODE = 'DF003';
  END IF;
  INSERT INTO event_store.idempotency_keys (key, request_hash)
  VALUES (p_key, v_request_hash)
  ON CONFLICT (key) DO NOTHING;
  IF NOT FOUND THEN
    SELECT k.request_hash, k.recorded_at, k.xid INTO v_existing
      FROM event_store.idempotency_keys k WHERE k.key = p_key;
    IF v_existing.request_hash <> v_request_hash THEN
      RAISE EXCEPTION 'idempotency key "%" was already used for a different request', p_key
        USING ERRCODE = 'DF002', DETAIL = json_build_object('idempotencyKey', p_key)::text;
    END IF;
    RETURN QUERY
      SELECT e.position, e.stream_id, e.stream_version, e.event_id, e.xid::text,
             event_store.micros(e.recorded_at), e.hash, true
        FROM event_store.events e
       WHERE e.xid = v_existing.xid AND e.recorded_at = v_existing.recorded_at AND e.idempotency_key = p_key
       ORDER BY e.position;
    RETURN;
  END IF;

  -- Read every head without locking; the heads are advanced at the end only if nobody moved them
  -- meanwhile (optimistic: a row lock now would cost a WAL record per stream, for nothing).
  FOR i IN 1 .. array_length(v_streams, 1) LOOP
    IF i > 1 AND v_streams[i] <= v_streams[i - 1] THEN
      RAISE EXCEPTION 'streams must be sorted and unique' USING ERRCODE = 'DF003';
    END IF;
    SELECT h.version, h.last_hash INTO v_version, v_prev
      FROM event_store.streams h WHERE h.stream_id = v_streams[i];
    IF NOT FOUND THEN
      v_version := 0;
      v_prev := v_zero;
    END IF;
    IF v_expected[i] IS NOT NULL AND v_expected[i] <> v_version THEN
      RAISE EXCEPTION 'stream "%" is at version %, expected %', v_streams[i], v_version, v_expected[i]
        USING ERRCODE = 'DF001',
              DETAIL = json_build_object('stream', v_streams[i], 'expected', v_expected[i], 'actual', v_version)::text;
    END IF;
    v_versions[i] := v_version;
    v_old[i] := v_version;
    v_last[i] := v_prev;
  END LOOP;

  FOR j IN 1 .. v_events LOOP
    v_idx := p_event_streams[j] + 1;
    IF v_idx IS NULL OR v_idx < 1 OR v_idx > array_length(v_streams, 1) THEN
      RAISE EXCEPTION 'event refers to stream index % of %', v_idx - 1, array_length(v_streams, 1) USING ERRCODE = 'DF003';
    END IF;
    v_versions[v_idx] := v_versions[v_idx] + 1;
    v_event_id := gen_random_uuid();
    v_hash := event_store.event_hash(
      v_last[v_idx], v_event_id, v_streams[v_idx], v_versions[v_idx], p_types[j], p_schema_versions[j],
      p_effective[j], v_recorded_us, p_key, p_data[j], p_metadata[j]);
    INSERT INTO event_store.events
      (stream_id, stream_version, event_id, event_type, schema_version, effective_at, data, metadata,
       idempotency_key, prev_hash, hash)
    VALUES
      (v_streams[v_idx], v_versions[v_idx], v_event_id, p_types[j], p_schema_versions[j], p_effective[j],
       p_data[j]::json, p_metadata[j]::json, p_key, v_last[v_idx], v_hash)
    RETURNING position INTO out_position;
    v_last[v_idx] := v_hash;
    out_stream_id := v_streams[v_idx];
    out_stream_version := v_versions[v_idx];
    out_event_id := v_event_id;
    out_xid := v_xid::text;
    out_recorded_us := v_recorded_us;
    out_hash := v_hash;
    out_duplicate := false;
    RETURN NEXT;
  END LOOP;

  -- Advance the heads in stream-id order (so concurrent appends cannot deadlock). A head that moved
  -- since it was read is a conflict; a new stream created concurrently fails on streams_pkey.
  FOR i IN 1 .. array_length(v_streams, 1) LOOP
    IF v_old[i] = 0 THEN
      INSERT INTO event_store.streams (stream_id, version, last_hash) VALUES (v_streams[i], v_versions[i], v_last[i]);
    ELSE
      UPDATE event_store.streams SET version = v_versions[i], last_hash = v_last[i]
       WHERE stream_id = v_streams[i] AND version = v_old[i];
      IF NOT FOUND THEN
        SELECT h.version INTO v_version FROM event_store.streams h WHERE h.stream_id = v_streams[i];
        RAISE EXCEPTION 'stream "%" moved to version % during the append, expected %', v_streams[i], v_version, coalesce(v_expected[i], v_old[i])
          USING ERRCODE = 'DF001',
                DETAIL = json_build_object('stream', v_streams[i], 'expected', v_expected[i], 'actual', v_version, 'concurrent', true)::text;
      END IF;
    END IF;
  END LOOP;
  IF p_notify THEN
    PERFORM pg_notify('event_store', '');
  END IF;
  RETURN;
END $$;

-- Privileges: the writer appends and reads; the auditor reads. Neither may change history.
GRANT USAGE ON SCHEMA event_store TO daftar_writer, daftar_auditor;
GRANT SELECT ON event_store.events, event_store.streams, event_store.idempotency_keys TO daftar_writer, daftar_auditor;
GRANT INSERT (stream_id, stream_version, event_id, event_type, schema_version, effective_at, data, metadata,
              idempotency_key, prev_hash, hash) ON event_store.events TO daftar_writer;
GRANT USAGE ON SEQUENCE event_store.event_position TO daftar_writer;
GRANT INSERT (key, request_hash) ON event_store.idempotency_keys TO daftar_writer;
GRANT INSERT, UPDATE ON event_store.streams TO daftar_writer;
REVOKE ALL ON FUNCTION event_store.append(text, bytea, text[], bigint[], integer[], text[], integer[], date[], text[], text[], boolean) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION event_store.append(text, bytea, text[], bigint[], integer[], text[], integer[], date[], text[], text[], boolean) TO daftar_writer;
