package org.membergateway.elections;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The voting records (V18) and the staging table an import fills first: a file is staged whole,
 * checked in the database (every member known, no member twice for one election) and only then
 * merged, all in one transaction, so a bad line leaves nothing behind. Call inside a transaction.
 */
public interface VotingRecordDao {

    /** What a merge changed. */
    record Merged(long inserted, long updated) {
    }

    /** Dropped at commit or rollback: nothing of a file outlives its import. */
    @SqlUpdate("""
            CREATE TEMP TABLE voting_import (line bigint NOT NULL, election_id varchar(64) NOT NULL,
                member_id varchar(32) NOT NULL, voted boolean NOT NULL, method varchar(16)) ON COMMIT DROP""")
    void createStaging();

    @SqlBatch("INSERT INTO voting_import VALUES (:line, :electionId, :memberId, :voted, :methodName)")
    void stage(@BindMethods List<VotingRecord> records);

    /** The first line naming a member the union has no record of. */
    @SqlQuery("""
            SELECT min(i.line) FROM voting_import i
            WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.member_id = i.member_id)""")
    Optional<Long> firstUnknownMember();

    /** The first line that repeats an earlier line's member and election. */
    @SqlQuery("""
            SELECT min(line) FROM (SELECT line, row_number() OVER (PARTITION BY election_id, member_id ORDER BY line) AS n
                                   FROM voting_import) d
            WHERE n > 1""")
    Optional<Long> firstRepeatedRecord();

    /**
     * Inserts new records and updates changed ones; an unchanged record keeps its times. A
     * record's {@code imported_at} never moves: the two-year minimum counts from when the gateway
     * first held it.
     */
    @SqlQuery("""
            WITH merged AS (
                INSERT INTO voting_records (election_id, member_id, voted, method, imported_at, updated_at)
                SELECT election_id, member_id, voted, method, :now, :now FROM voting_import
                ON CONFLICT (election_id, member_id) DO UPDATE SET voted = EXCLUDED.voted, method = EXCLUDED.method,
                    updated_at = EXCLUDED.updated_at
                WHERE (voting_records.voted, voting_records.method) IS DISTINCT FROM (EXCLUDED.voted, EXCLUDED.method)
                RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted) AS inserted, count(*) FILTER (WHERE NOT inserted) AS updated FROM merged""")
    @RegisterConstructorMapper(Merged.class)
    Merged merge(@Bind("now") OffsetDateTime now);
}
