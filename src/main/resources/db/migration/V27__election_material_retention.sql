-- Election material is disposed of once its retention has run (AP&P XVI §7(e): ballots, tally
-- sheets, envelopes and related material "shall be maintained for a minimum of one year";
-- policies/retention.yml, election-material), and never before. What the gateway holds of an
-- election's material is the record of its candidates' literature and official notices (title,
-- digest of the literature, pieces, cost, who decided, the extract that delivered it) and of its
-- list inspections (who opened one, when). Neither holds member data.
--
-- The clock is the election's day. As V22 holds the floor of voting data, the triggers here refuse
-- to delete a row of an election whose day is less than a year ago, whoever asks; RetentionSchedule
-- refuses a retention.yml that keeps election material less than that.
CREATE FUNCTION election_material_keep_one_year() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (SELECT election_day FROM elections WHERE id = OLD.election_id) < (now() - interval '1 year')::date THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'election material is kept for a year after election day (AP&P XVI §7(e); policies/retention.yml)'
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER election_mailings_keep_one_year BEFORE DELETE ON election_mailings
    FOR EACH ROW EXECUTE FUNCTION election_material_keep_one_year();
CREATE TRIGGER election_inspections_keep_one_year BEFORE DELETE ON election_inspections
    FOR EACH ROW EXECUTE FUNCTION election_material_keep_one_year();

CREATE INDEX election_inspections_election_idx ON election_inspections (election_id);

DO $grants$
BEGIN
    IF '${appRole}' <> current_user THEN
        EXECUTE format('GRANT DELETE ON election_mailings, election_inspections TO %I', '${appRole}');
    END IF;
END
$grants$;
