-- Elections (confidentiality §5; the LMRDA, 29 U.S.C. 481(c) and 29 CFR 452.67–452.73): the record
-- that candidacies, candidates' literature mailings, list inspections and official notices hang on.
-- An election has an office, an electorate (a scope) and its calendar; the vendors that deliver
-- candidates' literature under their agreements; and the terms of that delivery, copied from
-- policies/elections.yml when the election is entered, so every candidate of one election is
-- offered exactly the same terms even if the file changes later (29 CFR 452.67–452.69).
CREATE TABLE elections (
    id                   varchar(64)  PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$'),
    name                 varchar(200) NOT NULL CHECK (name <> ''),
    office               varchar(32)  NOT NULL CHECK (office IN ('LOCAL_OFFICE', 'BOARD_SEAT', 'STATEWIDE_OFFICE', 'CAPE_POSITION')),
    scope_type           varchar(16)  NOT NULL CHECK (scope_type IN ('LOCAL', 'REGION', 'EMPLOYER_GROUP', 'STATEWIDE')),
    scope_id             varchar(32)  NOT NULL CHECK (scope_id ~ '^[A-Za-z0-9_-]+$'),
    nominations_close_on date         NOT NULL,
    -- Set for a mail ballot: list inspection must happen before the ballots go out (29 CFR 452.71).
    ballots_mailed_on    date,
    election_day         date         NOT NULL,
    mail_vendor_id       bigint       NOT NULL REFERENCES vendors (id),
    email_vendor_id      bigint       REFERENCES vendors (id),
    -- The published terms (cents per piece per channel, payment in advance, lead time in days).
    mail_rate_cents      integer      NOT NULL CHECK (mail_rate_cents BETWEEN 0 AND 100000),
    email_rate_cents     integer      NOT NULL CHECK (email_rate_cents BETWEEN 0 AND 100000),
    payment_in_advance   boolean      NOT NULL,
    lead_days            integer      NOT NULL CHECK (lead_days BETWEEN 0 AND 365),
    -- The SHA-256 of the policies/elections.yml the terms were copied from.
    terms_sha256         char(64)     NOT NULL CHECK (terms_sha256 ~ '^[0-9a-f]{64}$'),
    created_at           timestamptz  NOT NULL,
    created_by           varchar(200) NOT NULL,
    CHECK ((scope_type = 'STATEWIDE') = (scope_id = 'ALL')),
    CHECK (nominations_close_on <= election_day),
    CHECK (ballots_mailed_on IS NULL OR ballots_mailed_on BETWEEN nominations_close_on AND election_day)
);
CREATE INDEX elections_day_idx ON elections (election_day);

-- What an election is and the terms every candidate was offered never change once entered; its
-- calendar and vendors may (a postponed election day), and the change is audited by the gateway.
CREATE OR REPLACE FUNCTION elections_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (NEW.id, NEW.office, NEW.scope_type, NEW.scope_id, NEW.mail_rate_cents, NEW.email_rate_cents,
        NEW.payment_in_advance, NEW.lead_days, NEW.terms_sha256, NEW.created_at, NEW.created_by)
       IS DISTINCT FROM
       (OLD.id, OLD.office, OLD.scope_type, OLD.scope_id, OLD.mail_rate_cents, OLD.email_rate_cents,
        OLD.payment_in_advance, OLD.lead_days, OLD.terms_sha256, OLD.created_at, OLD.created_by) THEN
        RAISE EXCEPTION 'an election''s office, electorate and published terms cannot change'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER elections_keep_terms BEFORE UPDATE ON elections
    FOR EACH ROW EXECUTE FUNCTION elections_reject_change();

-- Elections are entered, never deleted by the application: candidacies, mailings and inspections
-- refer to them, and the equal-treatment ledger must stay complete.
DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON elections TO %I', '${appRole}');
    END IF;
END
$grants$;
