-- A candidacy is for an election on record (confidentiality §5; CONTRACT of the directory): new
-- candidacies must name an existing election, whose office and electorate they repeat. NOT VALID:
-- candidacies declared before elections had a table (V20) named free-form election ids; they are
-- not checked and keep counting for the policy (err towards asking a person), while every row
-- inserted or changed from now on is.
ALTER TABLE candidacies ADD CONSTRAINT candidacies_election_fk
    FOREIGN KEY (election_id) REFERENCES elections (id) NOT VALID;
CREATE INDEX candidacies_election_idx ON candidacies (election_id);
