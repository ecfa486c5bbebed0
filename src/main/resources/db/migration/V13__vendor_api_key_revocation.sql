-- A vendor's API key can be revoked (README, Vendors): its digest is removed, so no key matches,
-- and the time is kept so that staff can see the vendor has no working key and since when.
-- Rotating replaces the digest in place. The application role already may update vendors (V3).
ALTER TABLE vendors ADD COLUMN key_revoked_at timestamptz;
ALTER TABLE vendors ADD CONSTRAINT vendors_revoked_has_no_key
    CHECK (key_revoked_at IS NULL OR api_key_digest IS NULL);
