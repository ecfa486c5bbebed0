-- Repeated refusals (failed sign-ins, refused reads) counted per time window instead of one audit
-- entry each (README, Audit trail; docs/audit-format.md, "Tallied refusals"). A flood of bad
-- credentials would otherwise fill the permanent trail, and since the trail fails closed, turn into
-- a 503 for everyone. The first refusal of a key in a window is an entry at once; later ones only
-- count here; when the window has closed, one summary entry carries the total and the row goes.
-- This table is the only mutable part: the trail itself stays append-only and chained.
--
-- source is the client address for sign-ins and '' for refusals of a signed-in actor; subject is
-- the entry's actor: a real account's username, 'name-hmac:<hex>' for a name that is no account
-- (never in clear), 'vendor:unknown', or 'names:others' once a source has tried too many names.
CREATE TABLE audit_tallies (
    action         varchar(40)  NOT NULL CHECK (action ~ '^[A-Z][A-Z0-9_]*$'),
    source         varchar(100) NOT NULL,
    subject        varchar(200) NOT NULL CHECK (subject <> ''),
    reason         varchar(64)  NOT NULL CHECK (reason ~ '^[A-Z][A-Z0-9_]*$'),
    window_start   timestamptz  NOT NULL,
    window_end     timestamptz  NOT NULL CHECK (window_end > window_start),
    occurrences    bigint       NOT NULL CHECK (occurrences > 0),
    -- Names anyone can invent (not accounts) count towards the source's cap; accounts never do, so
    -- an account's failures always show under its own name.
    capped         boolean      NOT NULL,
    -- Whether the window's first entry was committed; if not (the trail refused it), the summary
    -- is written even for a single occurrence, so nothing counted is ever lost.
    first_recorded boolean      NOT NULL DEFAULT false,
    PRIMARY KEY (action, source, window_start, subject, reason)
);
CREATE INDEX audit_tallies_window_end_idx ON audit_tallies (window_end);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON audit_tallies TO %I', '${appRole}');
    END IF;
END
$grants$;
