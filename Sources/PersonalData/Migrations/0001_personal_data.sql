-- Personal data, version 1: the encrypted person store and its access log (DESIGN.md §4).
--
-- Events hold pseudonymous ids only. A person's details live here, sealed with AES-GCM under a data
-- key of their own; the data key is stored only wrapped by a master key that never enters the
-- database (PersonalData/FileMasterKey.swift, or a KMS). National ids are kept for matching only as
-- HMAC-SHA-256 under a matching key that is itself stored only wrapped (pii.matching_keys).
--
-- Erasure (crypto-shredding) sets the wrapped data key, the ciphertext and the national-id hash to
-- NULL and keeps who erased the person, when and why. An erased row is final.
--
-- Only the owner reads or writes this schema: the writer, auditor and reporting roles get nothing.

CREATE SCHEMA pii;

-- The roles are cluster-wide and created by other components' migrations; make sure they exist so
-- that the revocations below always name them, whatever order components migrate in.
DO $$ BEGIN
  CREATE ROLE daftar_writer NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  CREATE ROLE daftar_auditor NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
DO $$ BEGIN
  CREATE ROLE daftar_reporting NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;

CREATE FUNCTION pii.reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'pii.% does not allow %', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'DF010', HINT = 'The access log is append-only; a person is erased, never deleted.';
END $$;

-- The key that HMACs national ids, wrapped with the master key (one row per key version).
CREATE TABLE pii.matching_keys (
  key_version   integer     PRIMARY KEY CHECK (key_version > 0),
  wrapped_key   bytea       NOT NULL,
  master_key_id text        NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER matching_keys_immutable BEFORE UPDATE OR DELETE ON pii.matching_keys
  FOR EACH ROW EXECUTE FUNCTION pii.reject_change();
CREATE TRIGGER matching_keys_no_truncate BEFORE TRUNCATE ON pii.matching_keys
  FOR EACH STATEMENT EXECUTE FUNCTION pii.reject_change();

CREATE TABLE pii.persons (
  person_id        text        PRIMARY KEY CHECK (person_id ~ '^P-[0-9A-Z]{8,20}$'),
  -- AES-GCM sealed box (nonce, ciphertext, tag) of the canonical JSON of the person's details,
  -- authenticated with the person id.
  ciphertext       bytea,
  -- The person's 256-bit data key, AES-GCM-sealed under the master key named by key_id.
  wrapped_key      bytea,
  key_id           text        NOT NULL,
  -- HMAC-SHA-256 of the normalised national id under matching key version hmac_key_version.
  national_id_hmac bytea       CHECK (octet_length(national_id_hmac) = 32),
  hmac_key_version integer     NOT NULL REFERENCES pii.matching_keys (key_version),
  created_at       timestamptz NOT NULL DEFAULT now(),
  erased_at        timestamptz,
  erased_by        text,
  erase_reason     text        CHECK (erase_reason IN ('dataSubjectRequest', 'retentionExpired', 'courtOrder', 'deceasedRetentionExpired')),
  CONSTRAINT persons_live_or_erased CHECK (
    (erased_at IS NULL AND erased_by IS NULL AND erase_reason IS NULL
       AND ciphertext IS NOT NULL AND wrapped_key IS NOT NULL AND national_id_hmac IS NOT NULL)
    OR
    (erased_at IS NOT NULL AND erased_by IS NOT NULL AND erase_reason IS NOT NULL
       AND ciphertext IS NULL AND wrapped_key IS NULL AND national_id_hmac IS NULL))
);
-- One live person per national id (erased persons hold no hash).
CREATE UNIQUE INDEX persons_national_id ON pii.persons (national_id_hmac);

-- An erased row is final, and nobody deletes a person: the erasure's record stays.
CREATE FUNCTION pii.protect_erasure() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.erased_at IS NOT NULL THEN
    RAISE EXCEPTION 'person % was erased; an erased record does not change', OLD.person_id
      USING ERRCODE = 'DF010';
  END IF;
  IF NEW.person_id <> OLD.person_id OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'a person''s id and creation time do not change' USING ERRCODE = 'DF010';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER persons_erasure_final BEFORE UPDATE ON pii.persons
  FOR EACH ROW EXECUTE FUNCTION pii.protect_erasure();
CREATE TRIGGER persons_no_delete BEFORE DELETE ON pii.persons
  FOR EACH ROW EXECUTE FUNCTION pii.reject_change();
CREATE TRIGGER persons_no_truncate BEFORE TRUNCATE ON pii.persons
  FOR EACH STATEMENT EXECUTE FUNCTION pii.reject_change();

-- Who touched personal data, for what purpose, and what came of it. Append-only, whoever asks.
-- Holds pseudonymous person ids and codes only, never the data itself.
CREATE TABLE pii.access_log (
  entry_no     bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor        text        NOT NULL,
  purpose      text        NOT NULL,
  person_id    text,
  action       text        NOT NULL CHECK (action IN ('add', 'show', 'erase', 'import', 'match-export')),
  outcome      text        NOT NULL,
  person_count integer     NOT NULL DEFAULT 1 CHECK (person_count >= 0)
);
CREATE INDEX access_log_person ON pii.access_log (person_id, at);
CREATE TRIGGER access_log_immutable_rows BEFORE UPDATE OR DELETE ON pii.access_log
  FOR EACH ROW EXECUTE FUNCTION pii.reject_change();
CREATE TRIGGER access_log_immutable BEFORE UPDATE OR DELETE ON pii.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION pii.reject_change();
CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON pii.access_log
  FOR EACH STATEMENT EXECUTE FUNCTION pii.reject_change();

-- Nobody but the owner: not the writer, not the auditor, not reporting, not PUBLIC.
REVOKE ALL ON SCHEMA pii FROM PUBLIC, daftar_writer, daftar_auditor, daftar_reporting;
REVOKE ALL ON ALL TABLES IN SCHEMA pii FROM PUBLIC, daftar_writer, daftar_auditor, daftar_reporting;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA pii FROM PUBLIC, daftar_writer, daftar_auditor, daftar_reporting;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA pii FROM PUBLIC, daftar_writer, daftar_auditor, daftar_reporting;
