package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for vendors (V3), their extracts (V6 list requests with a vendor) and destruction attestations (V8). */
final class VendorStore {

    /** A vendor without its key digest, which never leaves the store. */
    record Vendor(long id, String name, boolean active,
                  @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime keyIssuedAt,
                  @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt) {
    }

    /** A vendor extract (a VENDOR_SERVICE list request) as far as attesting its destruction needs. */
    record Extract(long id, long vendorId, String status, OffsetDateTime createdAt, boolean attested) {
    }

    long insertVendor(Handle h, String name, byte[] apiKeyDigest) {
        return h.createUpdate("INSERT INTO vendors (name, api_key_digest, key_issued_at) VALUES (:n, :d, now())")
                .bind("n", name).bind("d", apiKeyDigest)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    Optional<Vendor> vendor(Handle h, long id) {
        return h.createQuery("SELECT id, name, active, key_issued_at, created_at FROM vendors WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new Vendor(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                .findOne();
    }

    /** The vendor, locked until the transaction ends: two new agreements for one vendor queue up. */
    Optional<Vendor> lockVendor(Handle h, long id) {
        Optional<Long> locked = h.createQuery("SELECT id FROM vendors WHERE id = :id FOR UPDATE")
                .bind("id", id).mapTo(Long.class).findOne();
        return locked.isEmpty() ? Optional.empty() : vendor(h, id);
    }

    List<Vendor> vendors(Handle h, int limit) {
        return h.createQuery("SELECT id, name, active, key_issued_at, created_at FROM vendors ORDER BY id LIMIT :n")
                .bind("n", limit).map((rs, ctx) -> new Vendor(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /** The vendor's extract {@code requestId}; empty for any other request, including another vendor's. */
    Optional<Extract> extract(Handle h, long vendorId, long requestId) {
        return h.createQuery("""
                        SELECT r.id, r.vendor_id, r.status, r.created_at,
                               EXISTS (SELECT 1 FROM extract_destructions d WHERE d.list_request_id = r.id) AS attested
                        FROM list_requests r
                        WHERE r.id = :id AND r.vendor_id = :v AND r.purpose = 'VENDOR_SERVICE'""")
                .bind("id", requestId).bind("v", vendorId)
                .map((rs, ctx) -> new Extract(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class), rs.getBoolean(5)))
                .findOne();
    }

    /** Records the attestation; empty if the extract already has one (one per extract, never replaced). */
    Optional<AttestationView> insertAttestation(Handle h, long requestId, String attestedBy, LocalDate destroyedOn,
                                                String method, String note) {
        return h.createQuery("""
                        INSERT INTO extract_destructions (list_request_id, attested_by, destroyed_on, method, note)
                        VALUES (:r, :by, :on, :method, :note)
                        ON CONFLICT (list_request_id) DO NOTHING
                        RETURNING id, list_request_id, attested_by, destroyed_on, method, note, recorded_at""")
                .bind("r", requestId).bind("by", attestedBy).bind("on", destroyedOn).bind("method", method)
                .bind("note", note)
                .map((rs, ctx) -> new AttestationView(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6),
                        rs.getObject(7, OffsetDateTime.class)))
                .findOne();
    }

    /**
     * Approved extracts approved before {@code approvedBefore} that nobody has attested destroyed,
     * oldest first. Counted from the approval: that is when the vendor could first have the data.
     */
    List<OverdueExtract> overdue(Handle h, OffsetDateTime approvedBefore, int limit) {
        return h.createQuery("""
                        SELECT r.id, r.vendor_id, v.name, r.agreement_id, g.service, a.decided_at
                        FROM list_requests r
                        JOIN list_request_approvals a ON a.request_id = r.id AND a.approve
                        JOIN vendors v ON v.id = r.vendor_id
                        JOIN vendor_agreements g ON g.id = r.agreement_id
                        WHERE r.purpose = 'VENDOR_SERVICE' AND r.status = 'APPROVED' AND a.decided_at < :before
                          AND NOT EXISTS (SELECT 1 FROM extract_destructions d WHERE d.list_request_id = r.id)
                        ORDER BY a.decided_at, r.id LIMIT :n""")
                .bind("before", approvedBefore).bind("n", limit)
                .map((rs, ctx) -> new OverdueExtract(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        rs.getString(5), rs.getObject(6, OffsetDateTime.class)))
                .list();
    }
}
