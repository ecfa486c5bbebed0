-- Approvals in steps (issue 15, confidentiality §7, §9). A decision that needs approval names one
-- step per escalation (the grant's own approver, a declared candidate in their electorate, a large
-- list), each with who may give it; the request is approved only when every step has an approval.
-- An escalation adds reviewers: it never replaces the appropriate local president.
ALTER TABLE list_requests ADD COLUMN approval_steps jsonb NOT NULL DEFAULT '[]';

-- Requests decided before steps: any one of their approvers answered every escalation, which is
-- one step per escalation naming all of them.
UPDATE list_requests r
SET approval_steps = (SELECT COALESCE(jsonb_agg(jsonb_build_object('rule', e, 'approvers', r.approvers)), '[]'::jsonb)
                      FROM unnest(r.escalations) AS e)
WHERE jsonb_array_length(r.approvers) > 0;

-- Several approvals per request now, one per approver, each saying which steps it gave.
ALTER TABLE list_request_approvals DROP CONSTRAINT list_request_approvals_pkey;
ALTER TABLE list_request_approvals ADD PRIMARY KEY (request_id, approver_id);
ALTER TABLE list_request_approvals ADD COLUMN covers varchar(32)[] NOT NULL DEFAULT '{}';
UPDATE list_request_approvals a SET covers = r.escalations FROM list_requests r WHERE r.id = a.request_id;

-- An officer's (any requester's) statement that the list they exported has been destroyed once
-- the work was done (confidentiality §7, §8: "may not be retained"), as vendors attest theirs
-- (extract_destructions, V8). One per request, never changed.
CREATE TABLE list_destructions (
    id              bigint        GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    list_request_id bigint        NOT NULL UNIQUE REFERENCES list_requests (id),
    attested_by     varchar(64)   NOT NULL,
    destroyed_on    date          NOT NULL,
    method          varchar(200)  NOT NULL CHECK (method <> ''),
    note            varchar(1000) NOT NULL DEFAULT '',
    recorded_at     timestamptz   NOT NULL DEFAULT now()
);

CREATE TRIGGER list_destructions_append_only BEFORE UPDATE OR DELETE ON list_destructions
    FOR EACH ROW EXECUTE FUNCTION extract_destructions_reject_change();
CREATE TRIGGER list_destructions_no_truncate BEFORE TRUNCATE ON list_destructions
    FOR EACH STATEMENT EXECUTE FUNCTION extract_destructions_reject_change();

REVOKE ALL ON list_destructions FROM PUBLIC;

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON list_destructions TO %I', '${appRole}');
    END IF;
END
$grants$;
