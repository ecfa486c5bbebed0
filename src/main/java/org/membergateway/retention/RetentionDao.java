package org.membergateway.retention;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.exports.DestroyReason;

/**
 * What the retention purge counts and disposes of. Each record type has one predicate, used by its
 * count (the dry run) and its disposal (the purge) alike, with the same cutoff: within one
 * transaction the purge disposes of exactly the rows the count would have found, and reports the
 * rows it actually changed. Never touches the audit tables.
 */
interface RetentionDao {

    /** Serializes purges across every instance sharing the database (a transaction-level advisory lock). */
    long LOCK_KEY = 0x6d67_7265_7465_6e74L; // "mgretent"

    @SqlQuery("SELECT pg_try_advisory_xact_lock(" + LOCK_KEY + ")")
    boolean tryLock();

    @SqlQuery("SELECT max(purged_at) FROM retention_purges")
    Optional<OffsetDateTime> lastPurge();

    @SqlUpdate("""
            INSERT INTO retention_purges (purged_at, actor, schedule_sha256, records)
            VALUES (:at, :actor, :sha256, CAST(:records AS jsonb))""")
    void recordPurge(@Bind("at") OffsetDateTime at, @Bind("actor") String actor, @Bind("sha256") String sha256,
                     @Bind("records") String recordsJson);

    // ---- export-files: crypto-shredded through ExportShredder --------------------------------

    /** An export whose file is due, and why (the reasons ExportShredder records). */
    record DueExport(UUID id, DestroyReason reason) {
    }

    String EXPORT_FILES_DUE = "FROM exports WHERE status IN ('READY', 'FAILED') AND (expires_at <= :cutoff OR downloads >= max_downloads)";

    @SqlQuery("SELECT count(*) " + EXPORT_FILES_DUE)
    long countExportFiles(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlQuery("SELECT id, CASE WHEN expires_at <= :cutoff THEN 'EXPIRED' ELSE 'DOWNLOAD_LIMIT' END AS reason "
            + EXPORT_FILES_DUE + " ORDER BY id")
    @RegisterConstructorMapper(DueExport.class)
    List<DueExport> dueExportFiles(@Bind("cutoff") OffsetDateTime cutoff);

    // ---- export-records and seeds --------------------------------------------------------------

    String EXPORT_RECORDS_DUE = "status = 'DESTROYED' AND destroyed_at <= :cutoff";

    @SqlQuery("SELECT count(*) FROM exports WHERE " + EXPORT_RECORDS_DUE)
    long countExportRecords(@Bind("cutoff") OffsetDateTime cutoff);

    /** @return the blob ids of the deleted exports (their keys were shredded when the export was destroyed) */
    @SqlQuery("DELETE FROM exports WHERE " + EXPORT_RECORDS_DUE + " RETURNING coalesce(blob_id, 0)")
    List<Long> deleteExportRecords(@Bind("cutoff") OffsetDateTime cutoff);

    /** Blob rows of deleted exports: only shredded ones, whose large object is already unlinked. */
    @SqlUpdate("DELETE FROM export_blobs WHERE id = ANY (:ids) AND data_key IS NULL")
    int deleteShreddedBlobs(@Bind("ids") long[] blobIds);

    String SEEDS_DUE = "export_id IN (SELECT id FROM exports WHERE " + EXPORT_RECORDS_DUE + ")";

    @SqlQuery("SELECT count(*) FROM export_seeds WHERE " + SEEDS_DUE)
    long countSeeds(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM export_seeds WHERE " + SEEDS_DUE)
    int deleteSeeds(@Bind("cutoff") OffsetDateTime cutoff);

    // ---- list-request-justifications -----------------------------------------------------------

    String JUSTIFICATIONS_DUE = """
            FROM list_requests r WHERE r.expires_at <= :cutoff
            AND (r.justification <> '' OR EXISTS (SELECT 1 FROM list_request_approvals a WHERE a.request_id = r.id AND a.note <> ''))""";

    @SqlQuery("SELECT count(*) " + JUSTIFICATIONS_DUE)
    long countJustifications(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlQuery("SELECT r.id " + JUSTIFICATIONS_DUE + " ORDER BY r.id FOR UPDATE OF r")
    List<Long> lockDueJustifications(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("UPDATE list_requests SET justification = '' WHERE id = ANY (:ids)")
    int redactJustifications(@Bind("ids") long[] requestIds);

    @SqlUpdate("UPDATE list_request_approvals SET note = '' WHERE request_id = ANY (:ids) AND note <> ''")
    int redactApprovalNotes(@Bind("ids") long[] requestIds);

    // ---- acknowledgements, vendor-attestations (the V19 triggers hold the floors) ----------------

    @SqlQuery("SELECT count(*) FROM acknowledgements WHERE expires_at <= :cutoff")
    long countAcknowledgements(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM acknowledgements WHERE expires_at <= :cutoff")
    int deleteAcknowledgements(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlQuery("SELECT count(*) FROM extract_destructions WHERE recorded_at <= :cutoff")
    long countAttestations(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM extract_destructions WHERE recorded_at <= :cutoff")
    int deleteAttestations(@Bind("cutoff") OffsetDateTime cutoff);

    // ---- web-sessions, login-throttle ----------------------------------------------------------

    @SqlQuery("SELECT count(*) FROM web_sessions WHERE expires_at <= :cutoff")
    long countSessions(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM web_sessions WHERE expires_at <= :cutoff")
    int deleteSessions(@Bind("cutoff") OffsetDateTime cutoff);

    String THROTTLE_DUE = "FROM login_throttle WHERE updated_at <= :cutoff AND (locked_until IS NULL OR locked_until <= :now)";

    @SqlQuery("SELECT count(*) " + THROTTLE_DUE)
    long countThrottle(@Bind("cutoff") OffsetDateTime cutoff, @Bind("now") OffsetDateTime now);

    @SqlUpdate("DELETE " + THROTTLE_DUE)
    int deleteThrottle(@Bind("cutoff") OffsetDateTime cutoff, @Bind("now") OffsetDateTime now);

    // ---- voting-data (the V22 trigger holds the two-year floor) ---------------------------------

    @SqlQuery("SELECT count(*) FROM voting_records WHERE imported_at <= :cutoff")
    long countVotingRecords(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("DELETE FROM voting_records WHERE imported_at <= :cutoff")
    int deleteVotingRecords(@Bind("cutoff") OffsetDateTime cutoff);

    // ---- election-material (the V27 triggers hold the one-year floor) --------------------------

    @SqlQuery("""
            SELECT (SELECT count(*) FROM election_mailings m JOIN elections e ON e.id = m.election_id
                    WHERE e.election_day < CAST(:cutoff AS date))
                 + (SELECT count(*) FROM election_inspections i JOIN elections e ON e.id = i.election_id
                    WHERE e.election_day < CAST(:cutoff AS date))""")
    long countElectionMaterial(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("""
            DELETE FROM election_mailings m USING elections e
            WHERE e.id = m.election_id AND e.election_day < CAST(:cutoff AS date)""")
    int deleteElectionMailings(@Bind("cutoff") OffsetDateTime cutoff);

    @SqlUpdate("""
            DELETE FROM election_inspections i USING elections e
            WHERE e.id = i.election_id AND e.election_day < CAST(:cutoff AS date)""")
    int deleteElectionInspections(@Bind("cutoff") OffsetDateTime cutoff);
}
