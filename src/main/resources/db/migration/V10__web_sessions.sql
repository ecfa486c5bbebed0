-- Sessions of people signed in to the pages (README, Pages). Stored here, not in an instance's
-- memory, so any instance serves any session and a restart signs nobody out. The cookie holds a
-- random token; this table keeps only its keyed hash (HMAC with the server secret), so a copy of
-- the database signs nobody in. A session ends at its idle or absolute limit, at sign-out, and as
-- soon as the person's security stamp moves (password, roles, scopes, lockout).
CREATE TABLE web_sessions (
    id              bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_digest    bytea        NOT NULL UNIQUE CHECK (octet_length(token_digest) = 32),
    person_id       bigint       NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    security_stamp  bigint       NOT NULL,
    -- The synchronizer token every state-changing form of this session carries.
    csrf_token      varchar(64)  NOT NULL CHECK (csrf_token ~ '^[A-Za-z0-9_-]{43}$'),
    created_at      timestamptz  NOT NULL DEFAULT now(),
    last_seen_at    timestamptz  NOT NULL,
    expires_at      timestamptz  NOT NULL,
    CHECK (expires_at > created_at)
);
CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON web_sessions TO %I', '${appRole}');
    END IF;
END
$grants$;
