-- Signing keys and secrets that every gateway instance on this database shares (the audit
-- checkpoint key, the API-key secret, the export wrapping keyset), each sealed (AES-256-GCM)
-- under the master key every instance is given (GATEWAY_MASTER_KEY), never stored in the clear.
-- A copy of the database alone opens none of them.
--
-- Rows are written once: a key is never changed in place. Rotation adds the next version and
-- marks the ones before it retired; retired versions stay, so signatures and checkpoints they
-- made keep verifying. The application role may insert and read, and set retired_at once; it
-- may not change sealed bytes or delete a row (a deleted checkpoint key would make the trail's
-- checkpoints unverifiable by anyone who did not keep its verifier key).
CREATE TABLE sealed_keys (
    name        text        NOT NULL CHECK (name ~ '^[a-z0-9-]{1,64}$'),
    version     integer     NOT NULL CHECK (version >= 1),
    algorithm   text        NOT NULL CHECK (length(algorithm) BETWEEN 1 AND 64),
    sealed      bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz,
    PRIMARY KEY (name, version)
);

CREATE FUNCTION sealed_keys_written_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'sealed keys are never deleted; rotation retires them'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.name IS DISTINCT FROM OLD.name OR NEW.version IS DISTINCT FROM OLD.version
            OR NEW.algorithm IS DISTINCT FROM OLD.algorithm OR NEW.sealed IS DISTINCT FROM OLD.sealed
            OR NEW.created_at IS DISTINCT FROM OLD.created_at
            OR (OLD.retired_at IS NOT NULL AND NEW.retired_at IS DISTINCT FROM OLD.retired_at) THEN
        RAISE EXCEPTION 'a sealed key is written once; only retired_at may be set, once'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER sealed_keys_written_once BEFORE UPDATE OR DELETE ON sealed_keys
    FOR EACH ROW EXECUTE FUNCTION sealed_keys_written_once();

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON sealed_keys TO %I', '${appRole}');
        EXECUTE format('GRANT UPDATE (retired_at) ON sealed_keys TO %I', '${appRole}');
    END IF;
END
$grants$;
