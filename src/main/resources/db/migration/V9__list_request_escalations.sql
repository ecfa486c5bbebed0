-- The escalations a list request's decision applied (APPROVAL_REQUIRED, CANDIDATE_IN_SCOPE,
-- LARGE_LIST_APPROVAL...): what its approval was asked for. Kept as their own column so the export
-- check can compare what an approval covered with what today's policy asks, rule by rule, without
-- parsing the explanation. A request the policy allowed outright has none.
ALTER TABLE list_requests ADD COLUMN escalations varchar(32)[] NOT NULL DEFAULT '{}';

-- Requests decided before this column existed: a decision that needed approval gave exactly its
-- escalations as reasons, and an allowed one gave none.
UPDATE list_requests
SET escalations = ARRAY(SELECT reason ->> 'rule' FROM jsonb_array_elements(reasons) AS reason)
WHERE jsonb_array_length(reasons) > 0;
