-- List requests and their approvals (issue #7; CONTRACT §5). A request is stored only when the
-- policy did not deny it: denials live in the audit trail alone. Each row keeps the decision it was
-- made under (policy version, reasons, approvers), so what was decided stays readable after the
-- policy changes; exports decide again under the policy of their day.

CREATE TABLE list_requests (
    id                    bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requester_id          bigint        NOT NULL REFERENCES people (id),
    purpose               varchar(32)   NOT NULL CHECK (purpose IN ('LOCAL_COMMUNICATION', 'CAMPAIGN_OUTREACH',
        'LEADERSHIP_CONTACTS', 'WORKSITE_LEADERS', 'VOTING_DATA', 'VENDOR_SERVICE', 'OFFICIAL_ELECTION_NOTICE')),
    campaign_id           bigint        REFERENCES campaigns (id),
    scope_type            varchar(16)   NOT NULL CHECK (scope_type IN ('LOCAL', 'REGION', 'EMPLOYER_GROUP', 'STATEWIDE')),
    scope_id              varchar(32)   NOT NULL CHECK (scope_id ~ '^[A-Za-z0-9_-]+$'),
    worksite_filter       varchar(200),
    classification_filter varchar(200),
    audience              varchar(24)   NOT NULL CHECK (audience IN ('MEMBERS', 'REPRESENTED_WORKERS', 'CAPE_CONTRIBUTORS')),
    channel               varchar(8)    CHECK (channel IN ('EMAIL', 'MAIL', 'PHONE')),
    fields                varchar(32)[] NOT NULL CHECK (cardinality(fields) BETWEEN 1 AND 23),
    justification         varchar(1000) NOT NULL DEFAULT '',
    -- Vendor extracts (CONTRACT §7): the vendor and the agreement the extract is made under.
    vendor_id             bigint        REFERENCES vendors (id),
    agreement_id          bigint,
    status                varchar(20)   NOT NULL CHECK (status IN ('PENDING_APPROVAL', 'APPROVED', 'REJECTED', 'EXPIRED')),
    policy_version        varchar(100)  NOT NULL,
    reasons               jsonb         NOT NULL,
    approvers             jsonb         NOT NULL,
    allowed_by            varchar(64),
    created_at            timestamptz   NOT NULL DEFAULT now(),
    -- A pending request is decided by then or expires; an approved one can be exported until then.
    expires_at            timestamptz   NOT NULL,
    CHECK ((scope_type = 'STATEWIDE') = (scope_id = 'ALL')),
    CHECK ((purpose = 'CAMPAIGN_OUTREACH') = (campaign_id IS NOT NULL)),
    CHECK ((purpose = 'VENDOR_SERVICE') = (vendor_id IS NOT NULL AND agreement_id IS NOT NULL))
);
CREATE INDEX list_requests_requester_idx ON list_requests (requester_id, id);
-- Approvers look for what waits for them.
CREATE INDEX list_requests_pending_idx ON list_requests (id) WHERE status = 'PENDING_APPROVAL';

-- One decision per request, by one eligible approver who is not the requester.
CREATE TABLE list_request_approvals (
    request_id  bigint        PRIMARY KEY REFERENCES list_requests (id),
    approver_id bigint        NOT NULL REFERENCES people (id),
    approve     boolean       NOT NULL,
    note        varchar(1000) NOT NULL DEFAULT '',
    decided_at  timestamptz   NOT NULL DEFAULT now()
);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT, UPDATE ON list_requests TO %I', '${appRole}');
        -- An approval, once given, is never changed or withdrawn.
        EXECUTE format('GRANT SELECT, INSERT ON list_request_approvals TO %I', '${appRole}');
    END IF;
END
$grants$;
