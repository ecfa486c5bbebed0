-- Candidates' literature mailings and official election notices (confidentiality §5; the LMRDA,
-- 29 U.S.C. 481(c) and 29 CFR 452.67-452.73). docs/elections.md explains the design.
--
-- A mailing is a request to the union to deliver a piece of literature, identified by its SHA-256
-- and title (the union never judges its content: 29 CFR 452.70), to all or part of an election's
-- electorate, by post through the election's mail vendor or by email through its email vendor. Its
-- pieces and cost are computed by the gateway from the election's stored terms when it is made and
-- never change: every candidate of one election is charged the same rate (29 CFR 452.67-452.69).
-- On the election committee's approval the gateway makes the vendor extract (a list request with
-- purpose VENDOR_SERVICE, list_request_id) that the vendor pulls encrypted to its pinned key; the
-- requester never receives member data.
--
-- Official notices (kind OFFICIAL_NOTICE, the §5 exception) are requested by staff, have no
-- candidacy and are paid for by the union; they go through the same approval and the same vendors.
CREATE TABLE election_mailings (
    id                bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    election_id       varchar(64)   NOT NULL REFERENCES elections (id),
    kind              varchar(24)   NOT NULL CHECK (kind IN ('CANDIDATE_LITERATURE', 'OFFICIAL_NOTICE')),
    requested_by      varchar(200)  NOT NULL,
    candidacy_id      bigint        REFERENCES candidacies (id),
    channel           varchar(8)    NOT NULL CHECK (channel IN ('MAIL', 'EMAIL')),
    -- All or part of the electorate; the gateway checks that it lies within the election's scope.
    scope_type        varchar(16)   NOT NULL CHECK (scope_type IN ('LOCAL', 'REGION', 'EMPLOYER_GROUP', 'STATEWIDE')),
    scope_id          varchar(32)   NOT NULL CHECK (scope_id ~ '^[A-Za-z0-9_-]+$'),
    title             varchar(200)  NOT NULL CHECK (title <> ''),
    literature_sha256 char(64)      NOT NULL CHECK (literature_sha256 ~ '^[0-9a-f]{64}$'),
    -- A count of the members the channel reaches, never who they are.
    pieces            bigint        NOT NULL CHECK (pieces >= 0),
    rate_cents        integer       NOT NULL CHECK (rate_cents >= 0),
    cost_cents        bigint        NOT NULL CHECK (cost_cents >= 0),
    status            varchar(24)   NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'DELIVERED')),
    decided_by        varchar(200),
    decided_at        timestamptz,
    decision_note     varchar(1000),
    list_request_id   bigint        REFERENCES list_requests (id),
    created_at        timestamptz   NOT NULL,
    delivered_at      timestamptz,
    -- A candidate's literature names the candidacy; an official notice has none and costs the candidate nothing.
    CHECK ((kind = 'CANDIDATE_LITERATURE') = (candidacy_id IS NOT NULL)),
    CHECK (cost_cents = pieces * rate_cents),
    CHECK ((scope_type = 'STATEWIDE') = (scope_id = 'ALL')),
    CHECK ((status = 'PENDING_APPROVAL') = (decided_at IS NULL)),
    CHECK ((decided_at IS NULL) = (decided_by IS NULL)),
    CHECK (status NOT IN ('APPROVED', 'DELIVERED') OR list_request_id IS NOT NULL),
    CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL))
);
CREATE INDEX election_mailings_election_idx ON election_mailings (election_id, id);

-- The vendor that delivers an election's literature learns who is a member: the electorate of a
-- union election is its members, and literature goes to them only. Its own service says so in its
-- agreement (confidentiality §4: membership status only where the service needs it, and why).
ALTER TABLE vendor_agreements DROP CONSTRAINT vendor_agreements_service_check;
ALTER TABLE vendor_agreements ADD CONSTRAINT vendor_agreements_service_check CHECK (service IN ('MAIL_HOUSE',
    'ADDRESS_VERIFICATION', 'VOTER_REGISTRATION_CHECK', 'BENEFITS_CARRIER', 'LEGAL_BENEFITS', 'ELECTION_LITERATURE'));

-- The equal-treatment ledger must stay complete: mailings are decided, never deleted.
DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON election_mailings TO %I', '${appRole}');
    END IF;
END
$grants$;
