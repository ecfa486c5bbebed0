-- Paper copies of approved voting-data requests (issue 15: "electronic (CSV) or paper (a printable
-- page) at the requester's choice"). A paper copy is one use of the request's approval, counted with
-- its exports against exports.exportsPerApproval, so an approval never yields a CSV and unlimited
-- printouts. The rows themselves are never stored: each page is read again from the members table
-- when it is viewed, and every view is in the audit trail (page number and row count, no values).
CREATE TABLE paper_copies (
    id          uuid         PRIMARY KEY,
    request_id  bigint       NOT NULL REFERENCES list_requests (id),
    created_by  varchar(64)  NOT NULL,
    created_at  timestamptz  NOT NULL DEFAULT now()
);
CREATE INDEX paper_copies_request_idx ON paper_copies (request_id);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT SELECT, INSERT ON paper_copies TO %I', '${appRole}');
    END IF;
END
$grants$;
