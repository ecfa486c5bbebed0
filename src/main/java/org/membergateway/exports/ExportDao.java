package org.membergateway.exports;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.requests.RequestExports.ExportSummary;

/**
 * Exports and their seed records (V7). Building, downloading, sweeping and tracing each use their
 * part; attach it to the caller's handle where a change and its audit entry belong together.
 */
public interface ExportDao {

    // ---- building -----------------------------------------------------------------------

    @SqlUpdate("""
            INSERT INTO exports (id, request_id, encryption, recipient_fingerprint, status, created_by, expires_at,
                                 max_downloads)
            VALUES (:id, :request, :encryption, :fingerprint, 'BUILDING', :by, :expires, :max)""")
    void insertBuilding(@Bind("id") UUID id, @Bind("request") long requestId, @Bind("encryption") Encryption encryption,
                        @Bind("fingerprint") String recipientFingerprint, @Bind("by") String createdBy,
                        @Bind("expires") OffsetDateTime expiresAt, @Bind("max") int maxDownloads);

    /** The seed records planted in the export, each the JSON of its projected fields. */
    @SqlBatch("INSERT INTO export_seeds (export_id, seed_no, record) VALUES (:id, :no, CAST(:record AS jsonb))")
    void insertSeeds(@Bind("id") UUID id, @Bind("no") List<Integer> seedNumbers, @Bind("record") List<String> records);

    /** Rows written so far; also the heartbeat the sweep reads to find stalled builds. */
    /** Locks the request until the transaction ends, while its exports are counted and one is added. */
    @SqlQuery("SELECT id FROM list_requests WHERE id = :request FOR UPDATE")
    long lockRequest(@Bind("request") long requestId);

    /**
     * The uses made of a request's approval: its exports, failed builds aside (they released
     * nothing), and its paper copies (V23), each one use whatever number of pages was printed.
     */
    @SqlQuery("""
            SELECT (SELECT count(*) FROM exports WHERE request_id = :request AND status <> 'FAILED')
                 + (SELECT count(*) FROM paper_copies WHERE request_id = :request)""")
    int usedExports(@Bind("request") long requestId);

    @SqlUpdate("UPDATE exports SET rows_written = :rows, progress_at = now() WHERE id = :id")
    void recordProgress(@Bind("id") UUID id, @Bind("rows") long rowsWritten);

    @SqlUpdate("""
            UPDATE exports SET status = 'READY', blob_id = :blob, row_count = :rows, rows_written = :rows,
                   seed_count = :seeds, bytes = :bytes, sha256 = :sha, ready_at = now(), progress_at = now()
            WHERE id = :id""")
    void markReady(@Bind("id") UUID id, @Bind("blob") long blobId, @Bind("rows") long rows, @Bind("seeds") int seeds,
                   @Bind("bytes") long bytes, @Bind("sha") String sha256);

    @SqlUpdate("UPDATE exports SET status = 'FAILED', progress_at = now() WHERE id = :id AND status = 'BUILDING'")
    void markFailed(@Bind("id") UUID id);

    /** A request's exports for its view, oldest first. */
    @SqlQuery("""
            SELECT id, status, rows_written, row_count AS rows, sha256, encryption, created_at, expires_at,
                   max_downloads - downloads AS downloads_left
            FROM exports WHERE request_id = :request ORDER BY created_at""")
    @RegisterConstructorMapper(ExportSummary.class)
    List<ExportSummary> summaries(@Bind("request") long requestId);

    // ---- downloads ----------------------------------------------------------------------

    /** What a download needs to know about the export it claims. */
    record Claimable(UUID id, ExportStatus status, Long blobId, Long bytes, int downloads, int maxDownloads,
                     OffsetDateTime expiresAt, Long rowCount, String sha256) {
    }

    String CLAIMABLE = """
            SELECT e.id, e.status, e.blob_id, e.bytes, e.downloads, e.max_downloads, e.expires_at, e.row_count, e.sha256
            FROM exports e JOIN list_requests r ON r.id = e.request_id
            """;

    /** The person's export (never a vendor extract's), locked until the transaction ends. */
    @SqlQuery(CLAIMABLE + """
            WHERE e.id = :id AND r.requester_id = (SELECT id FROM people WHERE username = :username)
              AND r.vendor_id IS NULL
            FOR UPDATE OF e""")
    @RegisterConstructorMapper(Claimable.class)
    Optional<Claimable> lockForRequester(@Bind("id") UUID id, @Bind("username") String username);

    /** The vendor's export, locked until the transaction ends. */
    @SqlQuery(CLAIMABLE + " WHERE e.id = :id AND r.vendor_id = :vendor FOR UPDATE OF e")
    @RegisterConstructorMapper(Claimable.class)
    Optional<Claimable> lockForVendor(@Bind("id") UUID id, @Bind("vendor") long vendorId);

    @SqlUpdate("UPDATE exports SET downloads = downloads + 1 WHERE id = :id")
    void countDownload(@Bind("id") UUID id);

    /** A vendor's extract (its list-request id) with a downloadable export, and the agreement it was made under. */
    record ReadyExtract(long id, long agreementId, long rows, OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    @SqlQuery("""
            SELECT r.id, r.agreement_id, e.row_count AS rows, e.created_at, e.expires_at
            FROM list_requests r JOIN exports e ON e.request_id = r.id
            WHERE r.vendor_id = :vendor AND e.status = 'READY' AND e.expires_at > :now
              AND e.downloads < e.max_downloads
            ORDER BY e.created_at DESC""")
    @RegisterConstructorMapper(ReadyExtract.class)
    List<ReadyExtract> readyExtracts(@Bind("vendor") long vendorId, @Bind("now") OffsetDateTime now);

    /** A vendor's extract and its newest export (null if none was built yet). */
    record VendorExtract(long agreementId, UUID newestExportId) {
    }

    @SqlQuery("""
            SELECT r.agreement_id, (SELECT e.id FROM exports e WHERE e.request_id = r.id
                                    ORDER BY e.created_at DESC LIMIT 1) AS newest_export_id
            FROM list_requests r WHERE r.id = :request AND r.vendor_id = :vendor""")
    @RegisterConstructorMapper(VendorExtract.class)
    Optional<VendorExtract> vendorExtract(@Bind("request") long requestId, @Bind("vendor") long vendorId);

    // ---- expiry -------------------------------------------------------------------------

    /**
     * Builds whose heartbeat ({@code progress_at}, written by the builder as it goes) stopped before
     * {@code stalledBefore} failed: their process died. A heartbeat, not the start time, so a long
     * build on another instance sharing the database is left alone. Returns the ids marked.
     */
    @SqlQuery("UPDATE exports SET status = 'FAILED' WHERE status = 'BUILDING' AND progress_at < :stalled RETURNING id")
    List<UUID> failStalled(@Bind("stalled") OffsetDateTime stalledBefore);

    /** An export due for destruction, and why. */
    record Due(UUID id, DestroyReason reason) {
    }

    @SqlQuery("""
            SELECT id, CASE WHEN expires_at <= :now THEN 'EXPIRED' ELSE 'DOWNLOAD_LIMIT' END AS reason
            FROM exports
            WHERE status IN ('READY', 'FAILED') AND (expires_at <= :now OR downloads >= max_downloads)""")
    @RegisterConstructorMapper(Due.class)
    List<Due> due(@Bind("now") OffsetDateTime now);

    /** An export not yet destroyed, and its blob if it has one. */
    record Live(UUID id, Long blobId) {
    }

    /** The export if not yet destroyed, locked: two destroyers (sweep, last download) queue up. */
    @SqlQuery("SELECT id, blob_id FROM exports WHERE id = :id AND status <> 'DESTROYED' FOR UPDATE")
    @RegisterConstructorMapper(Live.class)
    Optional<Live> lockLive(@Bind("id") UUID id);

    @SqlUpdate("""
            UPDATE exports SET status = 'DESTROYED', destroyed_at = now(), destroyed_reason = :reason
            WHERE id = :id""")
    void markDestroyed(@Bind("id") UUID id, @Bind("reason") DestroyReason reason);

    // ---- leak tracing -------------------------------------------------------------------

    /**
     * Which of the candidate values an earlier export's seed already carries in one of
     * {@code fields} (lower case; phones as digits): a new seed's id, phones and emails are no
     * other seed's either, so each names one export.
     */
    @SqlQuery("""
            SELECT DISTINCT v FROM (
                SELECT CASE WHEN kv.key IN ('home_phone', 'mobile_phone') THEN regexp_replace(kv.value, '\\D', '', 'g')
                            ELSE lower(kv.value) END AS v
                FROM export_seeds s CROSS JOIN LATERAL jsonb_each_text(s.record) AS kv
                WHERE kv.key = ANY (:fields)) seeded
            WHERE v = ANY (:values)""")
    java.util.Set<String> seededValues(@Bind("fields") String[] fields, @Bind("values") String[] values);

    /** A seed record that a leaked list's values pick out: {@code fields} (comma-separated) carry them. */
    record SeedHit(UUID exportId, long requestId, String requester, Long vendorId, OffsetDateTime exportedAt, int seedNo,
                   String fields) {
    }

    /**
     * The seed records the values pick out (README "Seed records"), each value in group
     * {@code groups[i]}: 0 for loose values, n for the cells of the leaked list's row n. A seed is
     * picked out by a group holding its member id, a phone number or an email address; or its first
     * and last name with its street or birthday; or, within one row, its first and last name (a
     * seed's full name is no member's). Values are lower case; phones are matched by their digits.
     */
    @SqlQuery("""
            WITH wanted AS (SELECT DISTINCT w.g, w.v FROM unnest(CAST(:groups AS int[]), CAST(:cells AS text[])) AS w(g, v)),
            hits AS (
                SELECT s.export_id, s.seed_no, w.g, array_agg(DISTINCT kv.key) AS fields
                FROM export_seeds s
                CROSS JOIN LATERAL jsonb_each_text(s.record) AS kv
                JOIN wanted w ON w.v = CASE WHEN kv.key IN ('home_phone', 'mobile_phone')
                                            THEN regexp_replace(kv.value, '\\D', '', 'g') ELSE lower(kv.value) END
                WHERE kv.key IN ('member_id', 'home_phone', 'mobile_phone', 'home_email', 'work_email', 'first_name',
                                 'last_name', 'home_street', 'birth_date')
                GROUP BY s.export_id, s.seed_no, w.g),
            matched AS (
                SELECT export_id, seed_no, fields FROM hits
                WHERE fields && ARRAY['member_id', 'home_phone', 'mobile_phone', 'home_email', 'work_email']
                   OR fields @> ARRAY['first_name', 'last_name', 'home_street']
                   OR fields @> ARRAY['first_name', 'last_name', 'birth_date']
                   OR (g > 0 AND fields @> ARRAY['first_name', 'last_name']))
            SELECT e.id AS export_id, e.request_id, p.username AS requester, r.vendor_id, e.created_at AS exported_at,
                   m.seed_no, string_agg(DISTINCT f.field, ',') AS fields
            FROM matched m
            CROSS JOIN LATERAL unnest(m.fields) AS f(field)
            JOIN exports e ON e.id = m.export_id
            JOIN list_requests r ON r.id = e.request_id
            JOIN people p ON p.id = r.requester_id
            GROUP BY e.id, e.request_id, p.username, r.vendor_id, e.created_at, m.seed_no
            ORDER BY e.created_at, m.seed_no""")
    @RegisterConstructorMapper(SeedHit.class)
    List<SeedHit> seedHits(@Bind("groups") int[] groups, @Bind("cells") String[] cells);
}
