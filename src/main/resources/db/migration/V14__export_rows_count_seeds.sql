-- Seed records must not be told apart by a count (README "Seed records"): from now on an export's
-- row count, and its progress, count every row of the file, the seeds among them. seed_count
-- stays the gateway's own and is never shown.
COMMENT ON COLUMN exports.row_count IS 'rows in the file, seed records included';
COMMENT ON COLUMN exports.rows_written IS 'rows written so far, seed records included';
COMMENT ON COLUMN exports.seed_count IS 'seed records among them; never shown to users';
