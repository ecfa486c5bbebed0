-- The directory (issue #4; CONTRACT §3): people with their roles and scopes, candidacies,
-- campaigns, vendors' API key digests, and the sign-in throttle. docs/auth.md explains the design.
--
-- Column checks mirror the service's validation, which answers 400 naming the field first; these
-- are the last line. Scope ids of candidacies and campaigns point at locals, regions or employer
-- groups depending on scope_type, so the service checks them (a foreign key cannot be polymorphic).
-- people.member_id has no foreign key either: the member import rebuilds the members' primary key
-- on bulk loads, which a referencing key would prevent; the service checks it exists.

CREATE TABLE people (
    id                  bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username            varchar(64)  NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,63}$'),
    display_name        varchar(200) NOT NULL CHECK (display_name <> ''),
    -- Only Argon2id PHC strings; never a password.
    password_hash       varchar(300) NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    member_id           varchar(32)  CHECK (member_id ~ '^[A-Za-z0-9_-]+$'),
    -- Raised by every change that must end verified-credential cache entries: password, roles,
    -- scopes, lockout. Each instance compares it on every cached sign-in (one indexed read).
    security_stamp      bigint       NOT NULL DEFAULT 1,
    openpgp_public_key  text         CHECK (length(openpgp_public_key) <= 65536),
    openpgp_fingerprint varchar(64)  CHECK (openpgp_fingerprint ~ '^([0-9A-F]{40}|[0-9A-F]{64})$'),
    created_at          timestamptz  NOT NULL DEFAULT now(),
    updated_at          timestamptz  NOT NULL DEFAULT now(),
    CHECK ((openpgp_public_key IS NULL) = (openpgp_fingerprint IS NULL))
);

CREATE TABLE person_roles (
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role      varchar(32) NOT NULL CHECK (role IN ('ADMIN', 'AUDITOR', 'STAFF', 'EXECUTIVE_DIRECTOR', 'DESIGNEE',
        'STATEWIDE_PRESIDENT', 'STATEWIDE_OFFICER', 'DIRECTOR', 'LOCAL_PRESIDENT', 'LOCAL_OFFICER',
        'COMMITTEE_CHAIR', 'STEWARD', 'MEMBER')),
    PRIMARY KEY (person_id, role)
);
-- "Is there any ADMIN?" at start (bootstrap).
CREATE INDEX person_roles_role_idx ON person_roles (role);

CREATE TABLE person_locals (
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    local_id  varchar(32) NOT NULL REFERENCES locals (id),
    PRIMARY KEY (person_id, local_id)
);

CREATE TABLE person_regions (
    person_id bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    region_id varchar(32) NOT NULL REFERENCES regions (id),
    PRIMARY KEY (person_id, region_id)
);

CREATE TABLE person_employer_groups (
    person_id         bigint      NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    employer_group_id varchar(32) NOT NULL REFERENCES employer_groups (id),
    PRIMARY KEY (person_id, employer_group_id)
);

CREATE TABLE candidacies (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id   bigint       NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    office      varchar(32)  NOT NULL CHECK (office IN ('LOCAL_OFFICE', 'BOARD_SEAT', 'STATEWIDE_OFFICE', 'CAPE_POSITION')),
    scope_type  varchar(16)  NOT NULL CHECK (scope_type IN ('LOCAL', 'REGION', 'EMPLOYER_GROUP', 'STATEWIDE')),
    scope_id    varchar(32)  NOT NULL CHECK (scope_id ~ '^[A-Za-z0-9_-]+$'),
    election_id varchar(64)  NOT NULL CHECK (election_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
    declared_at timestamptz  NOT NULL DEFAULT now(),
    declared_by varchar(200) NOT NULL,
    UNIQUE (person_id, office, scope_type, scope_id, election_id),
    CHECK ((scope_type = 'STATEWIDE') = (scope_id = 'ALL'))
);

CREATE TABLE campaigns (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        varchar(200) NOT NULL CHECK (name <> ''),
    kind        varchar(32)  NOT NULL CHECK (kind IN ('CAPE', 'SELECTIVE_CLASSIFICATION', 'ORGANIZING', 'CONTRACT', 'ISSUE')),
    scope_type  varchar(16)  NOT NULL CHECK (scope_type IN ('LOCAL', 'REGION', 'EMPLOYER_GROUP', 'STATEWIDE')),
    scope_id    varchar(32)  NOT NULL CHECK (scope_id ~ '^[A-Za-z0-9_-]+$'),
    starts_on   date         NOT NULL,
    ends_on     date         NOT NULL,
    owner_id    bigint       NOT NULL REFERENCES people (id),
    created_at  timestamptz  NOT NULL DEFAULT now(),
    CHECK (ends_on >= starts_on),
    CHECK ((scope_type = 'STATEWIDE') = (scope_id = 'ALL'))
);

-- Vendors authenticate with an API key; only its keyed hash is stored (HMAC-SHA-256 under the
-- server secret). Agreements, services and keys' lifecycle arrive with issue #8.
CREATE TABLE vendors (
    id             bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           varchar(200) NOT NULL CHECK (name <> ''),
    api_key_digest bytea        UNIQUE CHECK (octet_length(api_key_digest) = 32),
    active         boolean      NOT NULL DEFAULT true,
    key_issued_at  timestamptz,
    created_at     timestamptz  NOT NULL DEFAULT now()
);

-- Failed sign-ins per username, keyed by an HMAC of the name (so names that were only tried are
-- not kept in clear), for existing and unknown usernames alike.
CREATE TABLE login_throttle (
    name_key         bytea       PRIMARY KEY CHECK (octet_length(name_key) = 32),
    failures         integer     NOT NULL CHECK (failures >= 0),
    first_failure_at timestamptz NOT NULL,
    locked_until     timestamptz,
    lockouts         integer     NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON people, person_roles, person_locals, person_regions,'
                       ' person_employer_groups, candidacies, campaigns, vendors, login_throttle TO %I', '${appRole}');
    END IF;
END
$grants$;
