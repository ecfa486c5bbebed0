-- Membership voting data is disposed of once its retention has run (AP&P XVI §6(e): "maintained
-- for a minimum of two years"; policies/retention.yml, voting-data), and never before.
--
-- The clock is imported_at, when the gateway first held the record (VotingRecordDao never moves
-- it). The AP&P counts from the election, but the gateway does not know election days yet:
-- voting_records.election_id is free-form until elections have a table of their own. An import
-- comes after its election, so counting from the import keeps a record at least as long as the
-- AP&P asks. Once elections have a table, a later migration may count from election day instead.
--
-- V18 gave the application role no DELETE so nothing it did could cut the two years short. It gets
-- DELETE now, for the purge, with the floor held here as V19 holds the floors of acknowledgements
-- and attestations: the trigger refuses to delete a record younger than two years, whoever asks,
-- so neither a mistaken schedule, a bug in the purge nor a stolen application password can remove
-- one early. RetentionSchedule refuses a retention.yml that keeps voting data less than this floor.
CREATE FUNCTION voting_records_keep_two_years() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.imported_at < now() - interval '2 years' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'a voting record is kept for 2 years after it was imported (AP&P XVI §6(e); policies/retention.yml)'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER voting_records_keep_two_years BEFORE DELETE ON voting_records
    FOR EACH ROW EXECUTE FUNCTION voting_records_keep_two_years();

-- The purge deletes by imported_at.
CREATE INDEX voting_records_imported_at_idx ON voting_records (imported_at);

-- The floor counts from imported_at, so the application may no longer change it (V18 granted
-- UPDATE on every column): backdating a record would make it deletable early. Imports update only
-- how the member voted and when that changed (VotingRecordDao.merge).
DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('REVOKE UPDATE ON voting_records FROM %I', '${appRole}');
        EXECUTE format('GRANT UPDATE (voted, method, updated_at) ON voting_records TO %I', '${appRole}');
        EXECUTE format('GRANT DELETE ON voting_records TO %I', '${appRole}');
    END IF;
END
$grants$;
