-- List inspection by candidates (confidentiality §5; 29 U.S.C. 481(c); 29 CFR 452.71–452.72): once
-- per candidate per election, within the 30 days before it, a declared candidate may look at the
-- names and last known addresses of the electorate, on screen, without copying them. One row is
-- one inspection opened; its pages are read while expires_at lies ahead.
CREATE TABLE election_inspections (
    id          bigint       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id varchar(64)  NOT NULL REFERENCES elections (id),
    -- A person's candidacies go with them (V3); so do their inspections. The audit trail keeps both.
    person_id   bigint       NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    opened_at   timestamptz  NOT NULL,
    expires_at  timestamptz  NOT NULL,
    CHECK (expires_at > opened_at),
    -- "Once per candidate per election" holds here, whatever two requests race to insert.
    UNIQUE (election_id, person_id)
);

-- Opened, read, never changed or deleted by the application: a second inspection must stay refused.
DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON election_inspections TO %I', '${appRole}');
    END IF;
END
$grants$;
