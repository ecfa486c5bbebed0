package org.membergateway.vendors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.membergateway.exports.ExportService;
import org.membergateway.policy.AgreementFact;

/**
 * Vendor agreements (V8__vendor_agreements.sql): the facts the policy engine decides vendor
 * extracts on, and the pinned key exports are encrypted to. Every method runs in the caller's
 * transaction. An agreement is inserted and may be ended; nothing else about it ever changes (the
 * database refuses it).
 */
public final class VendorAgreements implements ExportService.VendorKeys {

    private static final String SELECT = """
            SELECT id, vendor_id, service, allowed_fields, purpose, valid_from, valid_until, openpgp_fingerprint,
                   signed_for_union_by, membership_status_required, membership_status_justification, active, created_at,
                   ended_at, ended_by, superseded_by
            FROM vendor_agreements
            """;

    /**
     * The agreement a new extract for this vendor is made under: the one in force if there is one;
     * otherwise the most recent one, ended or expired, so the engine can say why it is not in force
     * (AGREEMENT_INVALID with its dates); empty if the vendor never had one (or does not exist).
     *
     * @param today the union's calendar day; an active agreement whose dates do not cover it is
     *     still returned, and the engine denies on it
     */
    public Optional<AgreementFact> current(Handle h, long vendorId, LocalDate today) {
        return currentView(h, vendorId).map(AgreementView::fact);
    }

    /** The agreement {@code agreementId} as a policy fact: what an export re-decides its extract on. */
    @Override
    public Optional<AgreementFact> agreement(Handle h, long agreementId) {
        return find(h, agreementId).map(AgreementView::fact);
    }

    /**
     * The ASCII-armored key agreement {@code agreementId} pinned, which its extracts are encrypted
     * to. It is the key whose fingerprint the agreement records: both were stored together and the
     * database refuses to change either.
     */
    @Override
    public Optional<String> pinnedKey(Handle h, long agreementId) {
        return pinned(h, agreementId).map(PinnedKey::armored);
    }

    /** The pinned key with the fingerprint it was pinned by; {@link PinnedKey#recipient} checks the two agree. */
    public Optional<PinnedKey> pinned(Handle h, long agreementId) {
        return h.createQuery("SELECT id, openpgp_public_key, openpgp_fingerprint FROM vendor_agreements WHERE id = :id")
                .bind("id", agreementId)
                .map((rs, ctx) -> new PinnedKey(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .findOne();
    }

    /** The active agreement, or else the newest one. */
    Optional<AgreementView> currentView(Handle h, long vendorId) {
        return h.createQuery(SELECT + " WHERE vendor_id = :v ORDER BY active DESC, id DESC LIMIT 1")
                .bind("v", vendorId).map((rs, ctx) -> row(rs)).findOne();
    }

    Optional<AgreementView> find(Handle h, long agreementId) {
        return h.createQuery(SELECT + " WHERE id = :id").bind("id", agreementId).map((rs, ctx) -> row(rs)).findOne();
    }

    /** Newest first. */
    List<AgreementView> byVendor(Handle h, long vendorId) {
        return h.createQuery(SELECT + " WHERE vendor_id = :v ORDER BY id DESC").bind("v", vendorId)
                .map((rs, ctx) -> row(rs)).list();
    }

    /** What an agreement says, checked by {@link VendorService}; inserted as it is. */
    record Terms(ServiceKind service, List<String> allowedFields, String purpose, LocalDate validFrom,
                 LocalDate validUntil, String armoredKey, String fingerprint, boolean membershipStatusRequired,
                 String membershipStatusJustification) {
        @Override
        public String toString() {
            return "Terms[" + service + ", " + allowedFields + ", " + validFrom + ".." + validUntil + ", " + fingerprint + "]";
        }
    }

    long insert(Handle h, long vendorId, Terms terms, String signedBy) {
        return h.createUpdate("""
                        INSERT INTO vendor_agreements (vendor_id, service, allowed_fields, purpose, valid_from, valid_until,
                            openpgp_public_key, openpgp_fingerprint, signed_for_union_by, membership_status_required,
                            membership_status_justification)
                        VALUES (:v, :service, :fields, :purpose, :from, :until, :key, :fpr, :by, :statusRequired, :why)""")
                .bind("v", vendorId)
                .bind("service", terms.service().name())
                .bind("fields", terms.allowedFields().toArray(new String[0]))
                .bind("purpose", terms.purpose())
                .bind("from", terms.validFrom())
                .bind("until", terms.validUntil())
                .bind("key", terms.armoredKey())
                .bind("fpr", terms.fingerprint())
                .bind("by", signedBy)
                .bind("statusRequired", terms.membershipStatusRequired())
                .bind("why", terms.membershipStatusJustification())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Ends the vendor's active agreement, if any; returns its id. */
    Optional<Long> endActive(Handle h, long vendorId, String endedBy) {
        return h.createUpdate("""
                        UPDATE vendor_agreements SET active = false, ended_at = now(), ended_by = :by
                        WHERE vendor_id = :v AND active""")
                .bind("by", endedBy).bind("v", vendorId)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne();
    }

    /** Ends agreement {@code agreementId} of this vendor if it is active; false if it is not. */
    boolean end(Handle h, long vendorId, long agreementId, String endedBy) {
        return h.createUpdate("""
                        UPDATE vendor_agreements SET active = false, ended_at = now(), ended_by = :by
                        WHERE id = :id AND vendor_id = :v AND active""")
                .bind("by", endedBy).bind("id", agreementId).bind("v", vendorId).execute() == 1;
    }

    /** Links the agreement that ended to the one that replaced it (inserted after the old one ended). */
    void supersede(Handle h, long endedId, long nextId) {
        h.createUpdate("UPDATE vendor_agreements SET superseded_by = :next WHERE id = :id")
                .bind("next", nextId).bind("id", endedId).execute();
    }

    private static AgreementView row(ResultSet rs) throws SQLException {
        return new AgreementView(rs.getLong("id"), rs.getLong("vendor_id"), rs.getString("service"),
                Arrays.asList((String[]) rs.getArray("allowed_fields").getArray()), rs.getString("purpose"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_until", LocalDate.class),
                rs.getString("openpgp_fingerprint"), rs.getString("signed_for_union_by"),
                rs.getBoolean("membership_status_required"), rs.getString("membership_status_justification"),
                rs.getBoolean("active"), null, rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("ended_at", OffsetDateTime.class), rs.getString("ended_by"),
                (Long) rs.getObject("superseded_by"));
    }
}
