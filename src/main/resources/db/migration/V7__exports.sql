-- Exports of approved list requests (issue #7; CONTRACT §6). The ciphertext lives in export_blobs
-- (V5); this table says whose it is, what it holds, and how long and how often it may be fetched.
-- An export is downloadable only once READY, which is set in the same transaction that commits its
-- ciphertext: a crash mid-build leaves a BUILDING row and no readable data, which the sweep marks
-- FAILED. Ids are random UUIDs, so one export's id says nothing about another's.

CREATE TABLE exports (
    id                    uuid         PRIMARY KEY,
    request_id            bigint       NOT NULL REFERENCES list_requests (id),
    blob_id               bigint       REFERENCES export_blobs (id),
    encryption            varchar(16)  NOT NULL CHECK (encryption IN ('RECIPIENT_KEY', 'PASSPHRASE')),
    recipient_fingerprint varchar(64)  CHECK (recipient_fingerprint ~ '^([0-9A-F]{40}|[0-9A-F]{64})$'),
    status                varchar(16)  NOT NULL CHECK (status IN ('BUILDING', 'READY', 'FAILED', 'DESTROYED')),
    -- Progress while BUILDING (member rows written so far), and the heartbeat the sweep reads.
    rows_written          bigint       NOT NULL DEFAULT 0 CHECK (rows_written >= 0),
    progress_at           timestamptz  NOT NULL DEFAULT now(),
    -- Member rows in the export; the seed records are counted apart and never shown to users.
    row_count             bigint       CHECK (row_count >= 0),
    seed_count            integer      CHECK (seed_count >= 0),
    bytes                 bigint       CHECK (bytes >= 0),
    sha256                char(64)     CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_by            varchar(64)  NOT NULL,
    created_at            timestamptz  NOT NULL DEFAULT now(),
    ready_at              timestamptz,
    expires_at            timestamptz  NOT NULL,
    max_downloads         integer      NOT NULL CHECK (max_downloads BETWEEN 1 AND 100),
    downloads             integer      NOT NULL DEFAULT 0 CHECK (downloads >= 0 AND downloads <= max_downloads),
    destroyed_at          timestamptz,
    destroyed_reason      varchar(32)  CHECK (destroyed_reason IN ('EXPIRED', 'DOWNLOAD_LIMIT', 'REQUEST_WITHDRAWN')),
    CHECK ((status = 'READY') = (ready_at IS NOT NULL AND destroyed_at IS NULL)),
    CHECK ((status = 'DESTROYED') = (destroyed_at IS NOT NULL))
);
CREATE INDEX exports_request_idx ON exports (request_id);
-- The sweep's work list: everything not yet destroyed.
CREATE INDEX exports_live_idx ON exports (expires_at) WHERE status IN ('BUILDING', 'READY', 'FAILED');

-- Leak tracing (README "Seed records"): the synthetic records planted in each export. They are
-- fictional people, never members, and unique to their export: a list found where it should not
-- be names its export, and so its requester, through these rows.
CREATE TABLE export_seeds (
    export_id uuid     NOT NULL REFERENCES exports (id),
    seed_no   smallint NOT NULL,
    record    jsonb    NOT NULL,
    PRIMARY KEY (export_id, seed_no)
);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON exports TO %I', '${appRole}');
        EXECUTE format('GRANT SELECT, INSERT ON export_seeds TO %I', '${appRole}');
    END IF;
END
$grants$;
