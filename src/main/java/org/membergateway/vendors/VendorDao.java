package org.membergateway.vendors;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.requests.RequestStatus;

/** Vendors (V3), their extracts (V6 list requests with a vendor) and destruction attestations (V8). */
public interface VendorDao {

    /** A vendor without its key digest, which never leaves the database but to check a key. */
    record Vendor(long id, String name, boolean active, boolean hasApiKey, OffsetDateTime keyIssuedAt,
                  OffsetDateTime keyRevokedAt, OffsetDateTime createdAt) {
    }

    /**
     * Replaces the vendor's API key digest: the old key matches nothing from this commit on (the
     * vendor realm reads the digest on every call; nothing caches it).
     */
    @SqlUpdate("UPDATE vendors SET api_key_digest = :digest, key_issued_at = now(), key_revoked_at = NULL WHERE id = :id")
    int replaceKey(@Bind("id") long id, @Bind("digest") byte[] apiKeyDigest);

    /** Removes the vendor's API key digest; false if it had none. */
    @SqlUpdate("UPDATE vendors SET api_key_digest = NULL, key_revoked_at = now() WHERE id = :id AND api_key_digest IS NOT NULL")
    boolean revokeKey(@Bind("id") long id);

    /** A vendor extract (a VENDOR_SERVICE list request), as far as attesting its destruction needs. */
    record Extract(long id, long vendorId, RequestStatus status, OffsetDateTime createdAt, boolean attested) {
    }

    @SqlUpdate("INSERT INTO vendors (name, api_key_digest, key_issued_at) VALUES (:name, :digest, now())")
    @GetGeneratedKeys("id")
    long insertVendor(@Bind("name") String name, @Bind("digest") byte[] apiKeyDigest);

    @SqlQuery("SELECT id, name, active, api_key_digest IS NOT NULL AS has_api_key, key_issued_at, key_revoked_at, created_at FROM vendors WHERE id = :id")
    @RegisterConstructorMapper(Vendor.class)
    Optional<Vendor> vendor(@Bind("id") long id);

    /** The vendor, locked until the transaction ends: two new agreements for one vendor queue up. */
    @SqlQuery("SELECT id, name, active, api_key_digest IS NOT NULL AS has_api_key, key_issued_at, key_revoked_at, created_at FROM vendors WHERE id = :id FOR UPDATE")
    @RegisterConstructorMapper(Vendor.class)
    Optional<Vendor> lockVendor(@Bind("id") long id);

    @SqlQuery("SELECT id, name, active, api_key_digest IS NOT NULL AS has_api_key, key_issued_at, key_revoked_at, created_at FROM vendors ORDER BY id LIMIT :limit")
    @RegisterConstructorMapper(Vendor.class)
    List<Vendor> vendors(@Bind("limit") int limit);

    /** The vendor's extract {@code requestId}; empty for any other request, including another vendor's. */
    @SqlQuery("""
            SELECT r.id, r.vendor_id, r.status, r.created_at,
                   EXISTS (SELECT 1 FROM extract_destructions d WHERE d.list_request_id = r.id) AS attested
            FROM list_requests r
            WHERE r.id = :id AND r.vendor_id = :vendor AND r.purpose = 'VENDOR_SERVICE'""")
    @RegisterConstructorMapper(Extract.class)
    Optional<Extract> extract(@Bind("vendor") long vendorId, @Bind("id") long requestId);

    /**
     * A vendor extract as the staff's page lists it: who asked, when, where it stands (as stored;
     * a pending one past {@code expiresAt} has expired) and whether its destruction is attested.
     */
    record ExtractRow(long id, long vendorId, long agreementId, String requester, RequestStatus status,
                      OffsetDateTime createdAt, OffsetDateTime expiresAt, boolean attested) {
    }

    /** Every vendor's extracts, newest first, at most {@code limit}. */
    @SqlQuery("""
            SELECT r.id, r.vendor_id, r.agreement_id, p.username AS requester, r.status, r.created_at, r.expires_at,
                   EXISTS (SELECT 1 FROM extract_destructions d WHERE d.list_request_id = r.id) AS attested
            FROM list_requests r JOIN people p ON p.id = r.requester_id
            WHERE r.vendor_id IS NOT NULL AND r.purpose = 'VENDOR_SERVICE'
            ORDER BY r.id DESC LIMIT :limit""")
    @RegisterConstructorMapper(ExtractRow.class)
    List<ExtractRow> extracts(@Bind("limit") int limit);

    /** Records the attestation; empty if the extract already has one (one per extract, never replaced). */
    @SqlQuery("""
            INSERT INTO extract_destructions (list_request_id, attested_by, destroyed_on, method, note)
            VALUES (:request, :by, :on, :method, :note)
            ON CONFLICT (list_request_id) DO NOTHING
            RETURNING id, list_request_id, attested_by, destroyed_on, method, note, recorded_at""")
    @RegisterConstructorMapper(AttestationView.class)
    Optional<AttestationView> insertAttestation(@Bind("request") long requestId, @Bind("by") String attestedBy,
                                                @Bind("on") LocalDate destroyedOn, @Bind("method") String method,
                                                @Bind("note") String note);

    /**
     * Approved extracts approved before {@code approvedBefore} that nobody has attested destroyed,
     * oldest first. Counted from the approval: that is when the vendor could first have the data.
     */
    @SqlQuery("""
            SELECT r.id AS list_request_id, r.vendor_id, v.name AS vendor_name, r.agreement_id, g.service,
                   a.decided_at AS approved_at
            FROM list_requests r
            -- Approvals come in steps (V16): the extract was released when its last step was given.
            JOIN (SELECT request_id, max(decided_at) AS decided_at FROM list_request_approvals WHERE approve
                  GROUP BY request_id) a ON a.request_id = r.id
            JOIN vendors v ON v.id = r.vendor_id
            JOIN vendor_agreements g ON g.id = r.agreement_id
            WHERE r.purpose = 'VENDOR_SERVICE' AND r.status = 'APPROVED' AND a.decided_at < :before
              AND NOT EXISTS (SELECT 1 FROM extract_destructions d WHERE d.list_request_id = r.id)
            ORDER BY a.decided_at, r.id LIMIT :limit""")
    @RegisterConstructorMapper(OverdueExtract.class)
    List<OverdueExtract> overdue(@Bind("before") OffsetDateTime approvedBefore, @Bind("limit") int limit);
}
