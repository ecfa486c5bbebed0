-- Vendor agreements and destruction attestations (issue #8; CONTRACT §7; confidentiality §3-4).
-- docs/vendors.md explains the design.
--
-- A vendor (V3: name and API key digest) gets member data only under an agreement: one service,
-- the fields that service needs (policies/vendor-services.yml), the days it is in force, and the
-- OpenPGP key every extract is encrypted to, pinned by fingerprint. What the union signed is never
-- rewritten: an agreement can only be ended (a trigger refuses any other change, whoever asks), so
-- a different key or field list always means a new agreement with its own id, and every extract
-- keeps pointing at the terms it was made under.

CREATE TABLE vendor_agreements (
    id                              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    vendor_id                       bigint        NOT NULL REFERENCES vendors (id),
    service                         varchar(32)   NOT NULL CHECK (service IN ('MAIL_HOUSE', 'ADDRESS_VERIFICATION',
        'VOTER_REGISTRATION_CHECK', 'BENEFITS_CARRIER', 'LEGAL_BENEFITS')),
    -- Member CSV column names (CONTRACT §4); the service checks them against the service's profile.
    allowed_fields                  varchar(32)[] NOT NULL CHECK (cardinality(allowed_fields) BETWEEN 1 AND 23),
    purpose                         varchar(1000) NOT NULL CHECK (purpose <> ''),
    valid_from                      date          NOT NULL,
    valid_until                     date          NOT NULL,
    openpgp_public_key              text          NOT NULL CHECK (length(openpgp_public_key) BETWEEN 1 AND 65536),
    openpgp_fingerprint             varchar(64)   NOT NULL CHECK (openpgp_fingerprint ~ '^([0-9A-F]{40}|[0-9A-F]{64})$'),
    -- The ADMIN who entered it for the union.
    signed_for_union_by             varchar(64)   NOT NULL,
    -- confidentiality §4: membership status goes to a vendor only when the service needs it, and says why.
    membership_status_required      boolean       NOT NULL,
    membership_status_justification varchar(1000),
    active                          boolean       NOT NULL DEFAULT true,
    created_at                      timestamptz   NOT NULL DEFAULT now(),
    ended_at                        timestamptz,
    ended_by                        varchar(64),
    -- The agreement that replaced this one, when it ended that way.
    superseded_by                   bigint        REFERENCES vendor_agreements (id),
    CHECK (valid_until >= valid_from),
    CHECK (NOT membership_status_required OR length(btrim(membership_status_justification)) > 0),
    CHECK (membership_status_required OR membership_status_justification IS NULL),
    CHECK (active = (ended_at IS NULL)),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL)),
    -- Lets list_requests point at (agreement, vendor) together, so an extract's agreement is its vendor's.
    UNIQUE (id, vendor_id)
);
-- At most one agreement in force per vendor: a new one ends the old one in the same transaction.
CREATE UNIQUE INDEX vendor_agreements_one_active_idx ON vendor_agreements (vendor_id) WHERE active;

CREATE FUNCTION vendor_agreements_only_end() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'vendor agreements are never deleted: % is not allowed', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF (NEW.id, NEW.vendor_id, NEW.service, NEW.allowed_fields, NEW.purpose, NEW.valid_from, NEW.valid_until,
        NEW.openpgp_public_key, NEW.openpgp_fingerprint, NEW.signed_for_union_by, NEW.membership_status_required,
        NEW.membership_status_justification, NEW.created_at)
       IS DISTINCT FROM
       (OLD.id, OLD.vendor_id, OLD.service, OLD.allowed_fields, OLD.purpose, OLD.valid_from, OLD.valid_until,
        OLD.openpgp_public_key, OLD.openpgp_fingerprint, OLD.signed_for_union_by, OLD.membership_status_required,
        OLD.membership_status_justification, OLD.created_at) THEN
        RAISE EXCEPTION 'a vendor agreement''s terms and key never change: make a new agreement'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT OLD.active AND (NEW.active OR (NEW.ended_at, NEW.ended_by) IS DISTINCT FROM (OLD.ended_at, OLD.ended_by)) THEN
        RAISE EXCEPTION 'an ended vendor agreement stays ended'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    -- The successor is named once, right after the new agreement is inserted.
    IF OLD.superseded_by IS NOT NULL AND NEW.superseded_by IS DISTINCT FROM OLD.superseded_by THEN
        RAISE EXCEPTION 'the agreement that replaced this one is already recorded'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER vendor_agreements_only_end BEFORE UPDATE OR DELETE ON vendor_agreements
    FOR EACH ROW EXECUTE FUNCTION vendor_agreements_only_end();
CREATE TRIGGER vendor_agreements_no_truncate BEFORE TRUNCATE ON vendor_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION vendor_agreements_only_end();

-- V6 left agreement_id without a key because this table did not exist yet. The pair points at the
-- agreement and its vendor together: an extract cannot name another vendor's agreement.
ALTER TABLE list_requests ADD CONSTRAINT list_requests_agreement_fk
    FOREIGN KEY (agreement_id, vendor_id) REFERENCES vendor_agreements (id, vendor_id);
CREATE INDEX list_requests_vendor_idx ON list_requests (vendor_id, id) WHERE vendor_id IS NOT NULL;

-- A vendor's (or staff's, on its behalf) statement that an extract's data has been destroyed once
-- the service was done (confidentiality §3: used only for the named service). One per extract,
-- never changed.
CREATE TABLE extract_destructions (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_request_id bigint        NOT NULL UNIQUE REFERENCES list_requests (id),
    -- vendor:<id> when the vendor attested with its key, else the staff member's username.
    attested_by     varchar(200)  NOT NULL CHECK (attested_by ~ '^(vendor:[0-9]+|[a-z0-9][a-z0-9._@-]{1,63})$'),
    destroyed_on    date          NOT NULL,
    method          varchar(200)  NOT NULL CHECK (method <> ''),
    note            varchar(1000) NOT NULL DEFAULT '',
    recorded_at     timestamptz   NOT NULL DEFAULT now()
);

CREATE FUNCTION extract_destructions_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'destruction attestations are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER extract_destructions_append_only BEFORE UPDATE OR DELETE ON extract_destructions
    FOR EACH ROW EXECUTE FUNCTION extract_destructions_reject_change();
CREATE TRIGGER extract_destructions_no_truncate BEFORE TRUNCATE ON extract_destructions
    FOR EACH STATEMENT EXECUTE FUNCTION extract_destructions_reject_change();

REVOKE ALL ON vendor_agreements, extract_destructions FROM PUBLIC;

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        -- Ending is the only change (the trigger checks what changes); never DELETE.
        EXECUTE format('GRANT SELECT, INSERT, UPDATE (active, ended_at, ended_by, superseded_by) ON vendor_agreements TO %I',
                       '${appRole}');
        EXECUTE format('GRANT SELECT, INSERT ON extract_destructions TO %I', '${appRole}');
    END IF;
END
$grants$;
