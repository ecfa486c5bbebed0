-- Access that ends, and authority nobody mints alone (README "People and roles", docs/auth.md).
--
-- A role is now a grant: a row with a term [valid_from, valid_until) in UTC, a status, who granted
-- it and who confirmed, rejected or revoked it. Only ACTIVE grants whose term contains the moment
-- of the request confer anything; sign-in and every page request evaluate them at that moment, so a
-- grant that reaches its end date needs no other change to stop counting.
--
-- Authority roles start PENDING_CONFIRMATION once a person holding EXECUTIVE_DIRECTOR or
-- STATEWIDE_PRESIDENT exists; a second person holding one of those roles confirms or rejects them
-- (the service enforces who; see DirectoryService). A DESIGNEE grant carries its designation: the
-- purposes and scopes it is for, and an end date.

CREATE TABLE role_grants (
    id                   bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_id            bigint       NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role                 varchar(32)  NOT NULL CHECK (role IN ('ADMIN', 'AUDITOR', 'STAFF', 'EXECUTIVE_DIRECTOR',
        'DESIGNEE', 'STATEWIDE_PRESIDENT', 'STATEWIDE_OFFICER', 'DIRECTOR', 'LOCAL_PRESIDENT', 'LOCAL_OFFICER',
        'COMMITTEE_CHAIR', 'STEWARD', 'MEMBER', 'ELECTION_COMMITTEE')),
    valid_from           timestamptz  NOT NULL,
    -- Exclusive; null: until revoked.
    valid_until          timestamptz,
    status               varchar(24)  NOT NULL CHECK (status IN ('ACTIVE', 'PENDING_CONFIRMATION', 'REJECTED', 'REVOKED')),
    granted_by           varchar(200) NOT NULL CHECK (granted_by <> ''),
    granted_at           timestamptz  NOT NULL,
    -- Who confirmed (ACTIVE) or rejected (REJECTED) a grant that needed a second person.
    decided_by           varchar(200),
    decided_at           timestamptz,
    decision_note        varchar(500),
    revoked_by           varchar(200),
    revoked_at           timestamptz,
    -- DESIGNEE only: the purposes (policy purpose names) and scopes ('LOCAL:84', 'REGION:R2',
    -- 'EMPLOYER_GROUP:G1', 'STATEWIDE:ALL') the executive director designated them for.
    designation_purposes text[],
    designation_scopes   text[],
    CHECK (valid_until IS NULL OR valid_until > valid_from),
    CHECK ((decided_by IS NULL) = (decided_at IS NULL)),
    CHECK ((status = 'REVOKED') = (revoked_at IS NOT NULL AND revoked_by IS NOT NULL)),
    CHECK ((role = 'DESIGNEE') OR (designation_purposes IS NULL AND designation_scopes IS NULL)),
    -- A live designee grant is never open-ended nor without purposes and scopes.
    CHECK (role <> 'DESIGNEE' OR status IN ('REJECTED', 'REVOKED')
           OR (valid_until IS NOT NULL AND cardinality(designation_purposes) > 0 AND cardinality(designation_scopes) > 0))
);
-- A person's grants at sign-in; "is there a confirmer?" and singleton checks by role.
CREATE INDEX role_grants_person_idx ON role_grants (person_id, role);
CREATE INDEX role_grants_role_idx ON role_grants (role, status);

-- Every existing role becomes an ACTIVE grant from the person's creation, without end. An existing
-- DESIGNEE has no designation (purposes, scopes, end date), which a designee must now have: the
-- grant is carried over as REVOKED so it confers nothing until the executive director designates
-- them (fail closed; the README's upgrade note says so).
INSERT INTO role_grants (person_id, role, valid_from, status, granted_by, granted_at, revoked_by, revoked_at,
                         decision_note)
SELECT r.person_id, r.role, p.created_at,
       CASE WHEN r.role = 'DESIGNEE' THEN 'REVOKED' ELSE 'ACTIVE' END,
       'migration:V15', now(),
       CASE WHEN r.role = 'DESIGNEE' THEN 'migration:V15' END,
       CASE WHEN r.role = 'DESIGNEE' THEN now() END,
       CASE WHEN r.role = 'DESIGNEE' THEN 'a designee needs a designation: purposes, scopes and an end date' END
FROM person_roles r JOIN people p ON p.id = r.person_id;

DROP TABLE person_roles;

-- Disabled people cannot sign in, and their sessions and cached sign-ins end (the stamp moves).
ALTER TABLE people ADD COLUMN disabled boolean NOT NULL DEFAULT false;

-- A withdrawn candidacy stays on record but no longer makes its holder a candidate.
ALTER TABLE candidacies ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE candidacies ADD COLUMN withdrawn_by varchar(200);
ALTER TABLE candidacies ADD CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL));

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON role_grants TO %I', '${appRole}');
    END IF;
END
$grants$;
