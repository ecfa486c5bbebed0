-- What a leader chooses to publish for their leadership role (confidentiality §6; README "Leaders'
-- contacts"): a work email and, if they want, a phone they type themselves. Board and committee
-- members are shown to every member with these; a local's officers to the local's members.
--
-- No row: the person has not chosen yet, and only the work email of their linked member row (if
-- people.member_id is set) is shown. A published phone never defaults to anything: a member row's
-- mobile_phone or home_phone is personal and is never shown as a leader's contact.
-- published = false withdraws both (the person is still listed with their role, without contacts).

CREATE TABLE published_contacts (
    person_id   bigint       PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    work_email  varchar(254) CHECK (work_email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
    -- E.164-ish as typed: an optional +, digits and the separators people write; the service checks
    -- it has 7 to 15 digits.
    phone       varchar(32)  CHECK (phone ~ '^\+?[0-9][0-9 ().-]*[0-9]$'),
    published   boolean      NOT NULL DEFAULT true,
    created_at  timestamptz  NOT NULL,
    updated_at  timestamptz  NOT NULL,
    updated_by  varchar(200) NOT NULL CHECK (updated_by <> '')
);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON published_contacts TO %I', '${appRole}');
    END IF;
END
$grants$;
