-- Confidentiality acknowledgements (issue #6; CONTRACT §8; confidentiality §10): who acknowledged
-- which text (document, version, language and the SHA-256 of its exact bytes), when, how (online
-- with a typed name, or on paper logged by staff), and the receipt the gateway signed with its
-- OpenPGP key. docs/acknowledgements.md defines the receipt.
--
-- A record is evidence: it is never changed or deleted. The application role may only add and
-- read, and triggers stop even the owner (as for the audit trail). A newer acknowledgement
-- supersedes an older one by being newer; nothing is updated.

CREATE TABLE acknowledgements (
    id              uuid         PRIMARY KEY,
    -- No foreign key to people: the record of what someone signed outlives changes to the directory.
    username        varchar(64)  NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
    document_id     varchar(64)  NOT NULL CHECK (document_id ~ '^[a-z][a-z0-9-]{0,63}$'),
    version         varchar(32)  NOT NULL CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$'),
    language        varchar(3)   NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
    document_sha256 char(64)     NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
    method          varchar(8)   NOT NULL CHECK (method IN ('ONLINE', 'PAPER')),
    -- ONLINE: the name the person typed. PAPER: the day on the paper form and who witnessed it.
    typed_name      varchar(200),
    signed_on       date,
    witness         varchar(200),
    signed_at       timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    -- Who logged it: the person themself (ONLINE), the staff member (PAPER), or 'system' (demo).
    recorded_by     varchar(200) NOT NULL CHECK (recorded_by <> ''),
    recorded_at     timestamptz  NOT NULL DEFAULT now(),
    client_address  varchar(64),
    user_agent      varchar(256),
    receipt         text         NOT NULL CHECK (length(receipt) BETWEEN 1 AND 8192),
    signature       text         NOT NULL CHECK (length(signature) BETWEEN 1 AND 8192),
    key_fingerprint varchar(64)  NOT NULL CHECK (key_fingerprint ~ '^([0-9A-F]{40}|[0-9A-F]{64})$'),
    CHECK (expires_at > signed_at),
    CHECK (method <> 'ONLINE' OR typed_name IS NOT NULL),
    CHECK (method <> 'PAPER' OR (signed_on IS NOT NULL AND witness IS NOT NULL))
);
-- status(): a person's acknowledgements per document and version.
CREATE INDEX acknowledgements_person_idx ON acknowledgements (username, document_id, version, expires_at);

CREATE FUNCTION acknowledgements_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'acknowledgements are append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER acknowledgements_append_only BEFORE UPDATE OR DELETE ON acknowledgements
    FOR EACH ROW EXECUTE FUNCTION acknowledgements_reject_change();
CREATE TRIGGER acknowledgements_no_truncate BEFORE TRUNCATE ON acknowledgements
    FOR EACH STATEMENT EXECUTE FUNCTION acknowledgements_reject_change();

REVOKE ALL ON acknowledgements FROM PUBLIC;

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON acknowledgements TO %I', '${appRole}');
    END IF;
END
$grants$;
