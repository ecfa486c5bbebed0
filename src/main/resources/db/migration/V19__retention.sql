-- Records disposal (AP&P XVI §8; policies/retention.yml; docs/operations-retention.md).

-- 1. Export data keys are stored wrapped under a key kept outside the database (ExportKeyWrapping),
-- so a backup of this table opens nothing by itself. Keys written before this migration are in the
-- clear (false) until the gateway's next start wraps them.
ALTER TABLE export_blobs ADD COLUMN key_wrapped boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN export_blobs.key_wrapped IS 'data_key is a Tink keyset encrypted under the export wrapping key';

-- 2. Every real purge, with its counts per record type (never ids, never member data) and the
-- SHA-256 of the schedule it applied. The daily run reads the latest to purge once a day across
-- all instances; who ran it and what went is also in the audit trail.
CREATE TABLE retention_purges (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    purged_at       timestamptz  NOT NULL,
    actor           varchar(200) NOT NULL CHECK (actor <> ''),
    schedule_sha256 char(64)     NOT NULL CHECK (schedule_sha256 ~ '^[0-9a-f]+$'),
    records         jsonb        NOT NULL
);
CREATE INDEX retention_purges_at_idx ON retention_purges (purged_at);

-- 3. Append-only records may now be disposed of once their retention period has run, and only
-- then: the floors here are the shortest periods policies/retention.yml may set (RetentionSchedule
-- checks the file against the same numbers), so neither a mistaken schedule nor a stolen
-- application password can delete a receipt or an attestation early. Updates and TRUNCATE stay
-- refused as before.
CREATE OR REPLACE FUNCTION acknowledgements_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.expires_at < now() - interval '3 years' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'an acknowledgement is kept until 3 years after it lapsed (AP&P XVI §8; policies/retention.yml)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'acknowledgements are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE OR REPLACE FUNCTION extract_destructions_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.recorded_at < now() - interval '5 years' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'a destruction attestation is kept for 5 years (AP&P XVI §8; policies/retention.yml)'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RAISE EXCEPTION 'destruction attestations are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON retention_purges TO %I', '${appRole}');
        -- Export records (and their seeds and blob rows) go once their retention has run.
        EXECUTE format('GRANT DELETE ON exports, export_seeds, export_blobs TO %I', '${appRole}');
        -- Approval notes are redacted with the request's justification.
        EXECUTE format('GRANT UPDATE (note) ON list_request_approvals TO %I', '${appRole}');
        EXECUTE format('GRANT DELETE ON acknowledgements, extract_destructions TO %I', '${appRole}');
    END IF;
END
$grants$;
