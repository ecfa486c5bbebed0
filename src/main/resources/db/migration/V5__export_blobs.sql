-- Export ciphertext at rest (issue #7; CONTRACT §6). Each row is one OpenPGP message stored as a
-- PostgreSQL large object, encrypted once more under its own data key (Tink StreamingAead,
-- AES256-GCM-HKDF, 4 KiB segments). Destroying an export deletes the key: the large object's pages
-- may linger in freed heap space or WAL, but without the key they are noise (crypto-shredding).
-- The key is in this database too, so copies of it taken before destruction (backups, WAL
-- archives) keep the export readable until they age out; see ExportBlobStore.
--
-- The application role creates the large objects, so it owns them and may read and unlink them;
-- no grant on pg_largeobject is needed.

CREATE TABLE export_blobs (
    id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lo_oid           oid         NOT NULL,
    -- Tink keyset (binary protobuf) holding the one data key; NULL once shredded.
    data_key         bytea       CHECK (octet_length(data_key) <= 1024),
    -- Size and SHA-256 of the OpenPGP message (before the at-rest layer); NULL until written.
    ciphertext_bytes bigint      CHECK (ciphertext_bytes >= 0),
    sha256           bytea       CHECK (octet_length(sha256) = 32),
    created_at       timestamptz NOT NULL DEFAULT now(),
    destroyed_at     timestamptz,
    CHECK ((data_key IS NULL) = (destroyed_at IS NOT NULL)),
    CHECK ((ciphertext_bytes IS NULL) = (sha256 IS NULL))
);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON export_blobs TO %I', '${appRole}');
    END IF;
END
$grants$;
