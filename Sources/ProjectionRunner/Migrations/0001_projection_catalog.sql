-- Daftar projections, version 1: the catalogue of read-model builds, their checkpoints and quarantines,
-- and the reporting schema that BI tools and auditors read.
--
-- A build is one projection at one version, in a schema of its own (rm_<name>_<version>_<build>).
-- It is filled by a bulk pass over the log up to a target checkpoint (phase 'rebuilding'; resumable
-- from rebuilt_through, the last partition key done), then follows the log from the target
-- ('catching_up'), and is swapped into the reporting views once caught up ('live'). The build it
-- replaces is 'retired' and its schema dropped. Every batch of rows is written in the same
-- transaction as the build's checkpoint: each event is applied exactly once.

CREATE SCHEMA projection;

CREATE TABLE projection.builds (
  build_id            bigserial PRIMARY KEY,
  projection          text NOT NULL,
  version             text NOT NULL,
  schema_name         text NOT NULL UNIQUE,
  phase               text NOT NULL CHECK (phase IN ('rebuilding', 'catching_up', 'live', 'retired')),
  target_xid          xid8 NOT NULL,
  target_position     bigint NOT NULL,
  rebuilt_through     text COLLATE "C",
  rebuild_events      bigint NOT NULL DEFAULT 0,
  rebuild_total       bigint NOT NULL DEFAULT 0,
  checkpoint_xid      xid8 NOT NULL DEFAULT '0',
  checkpoint_position bigint NOT NULL DEFAULT 0,
  events_applied      bigint NOT NULL DEFAULT 0,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  live_since          timestamptz,
  retired_at          timestamptz,
  schema_dropped      boolean NOT NULL DEFAULT false
);

-- One live build per projection: the one the reporting views read.
CREATE UNIQUE INDEX builds_one_live ON projection.builds (projection) WHERE phase = 'live';

-- Streams a build stopped applying: the first event it could not apply and why.
CREATE TABLE projection.quarantine (
  build_id       bigint NOT NULL REFERENCES projection.builds ON DELETE CASCADE,
  stream_id      text NOT NULL,
  stream_version bigint NOT NULL,
  event_id       uuid NOT NULL,
  position       bigint NOT NULL,
  code           text NOT NULL,
  message        text NOT NULL,
  quarantined_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (build_id, stream_id)
);

-- The read-only face of the read models: views only, each over the live build's tables.
CREATE SCHEMA IF NOT EXISTS reporting;
DO $$ BEGIN
  CREATE ROLE daftar_reporting NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
GRANT USAGE ON SCHEMA reporting TO daftar_reporting, daftar_auditor;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO daftar_reporting, daftar_auditor;
