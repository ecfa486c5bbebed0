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
