-- The registry's private state of each cross-match run (the blinding secret and which persons each
-- line of the exported file stands for), sealed under a fresh key wrapped by the master key, from
-- `daftar match start` until `daftar match finish`. Finishing destroys the sealed state and its key:
-- the secret lives only as long as the run, as the protocol requires.
CREATE TABLE pii.match_runs (
  run_id        uuid        PRIMARY KEY,
  partner       text        NOT NULL,
  programme_id  text        NOT NULL,
  started_by    text        NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  persons       integer     NOT NULL CHECK (persons >= 0),
  file_sha256   text        NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  sealed_state  bytea,
  wrapped_key   bytea,
  key_id        text,
  finished_at   timestamptz,
  finished_by   text,
  matched       integer,
  CHECK ((finished_at IS NULL) = (sealed_state IS NOT NULL AND wrapped_key IS NOT NULL))
);
REVOKE ALL ON pii.match_runs FROM PUBLIC, daftar_writer, daftar_auditor, daftar_reporting;
