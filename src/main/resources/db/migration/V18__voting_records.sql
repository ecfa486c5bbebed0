-- Membership voting data (AP&P XVI §6(e)): one row per member per statewide election, saying
-- whether they voted and how. It is a record of participation, not a contact list: it holds no
-- address, phone or email, and a VOTING_DATA list joins it to members for names, local and
-- worksite only (policies/fields.yml). Kept at least two years after import (AP&P XVI §6).
--
-- election_id is free-form, checked like candidacies.election_id, until elections have a table
-- of their own; the office and electorate of an election are not needed here: who may see the
-- data depends on the requester's role or candidacy and the list's scope, never on the election.
CREATE TABLE voting_records (
    election_id varchar(64)  NOT NULL CHECK (election_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
    member_id   varchar(32)  NOT NULL REFERENCES members (member_id),
    voted       boolean      NOT NULL,
    -- How the ballot was cast; none when the member did not vote.
    method      varchar(16)  CHECK (method IN ('MAIL', 'ONLINE', 'IN_PERSON')),
    -- The two-year minimum runs from when the gateway first held the record.
    imported_at timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    PRIMARY KEY (election_id, member_id),
    CHECK (voted = (method IS NOT NULL))
);
-- A list selects one election's records in a scope: the primary key leads with the election, and
-- the join to members goes by member id.
CREATE INDEX voting_records_member_idx ON voting_records (member_id);

-- The application inserts and updates records (imports) and reads them (lists); it cannot delete
-- them, so nothing it does can cut the two-year minimum short. Removing records older than that is
-- an owner's job (a later retention migration may grant it).
DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON voting_records TO %I', '${appRole}');
    END IF;
END
$grants$;

-- A VOTING_DATA request names the election it is about.
ALTER TABLE list_requests ADD COLUMN election_filter varchar(64)
    CHECK (election_filter ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$');
ALTER TABLE list_requests ADD CONSTRAINT list_requests_election_filter_purpose
    CHECK (election_filter IS NULL OR purpose = 'VOTING_DATA');
