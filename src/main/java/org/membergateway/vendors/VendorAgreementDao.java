package org.membergateway.vendors;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Vendor agreements (V8): inserted, and ended; nothing else about one ever changes (a trigger
 * refuses it), so a different key or field list takes a new agreement. Attach it to the caller's
 * handle where a change and its audit entry belong together.
 */
@RegisterRowMapper(VendorAgreementDao.AgreementMapper.class)
public interface VendorAgreementDao {

    String SELECT = """
            SELECT id, vendor_id, service, allowed_fields, purpose, valid_from, valid_until, openpgp_fingerprint,
                   signed_for_union_by, membership_status_required, membership_status_justification, active, created_at,
                   ended_at, ended_by, superseded_by
            FROM vendor_agreements
            """;

    @SqlQuery(SELECT + " WHERE id = :id")
    Optional<AgreementView> find(@Bind("id") long agreementId);

    /**
     * The agreement a new extract for this vendor is made under: the active one if there is one;
     * otherwise the most recent one, ended or expired, so the engine can say why it is not in force
     * (AGREEMENT_INVALID with its dates); empty if the vendor never had one.
     */
    @SqlQuery(SELECT + " WHERE vendor_id = :vendor ORDER BY active DESC, id DESC LIMIT 1")
    Optional<AgreementView> current(@Bind("vendor") long vendorId);

    /** Newest first. */
    @SqlQuery(SELECT + " WHERE vendor_id = :vendor ORDER BY id DESC")
    List<AgreementView> byVendor(@Bind("vendor") long vendorId);

    @SqlQuery(SELECT + " WHERE vendor_id = :vendor AND active")
    List<AgreementView> active(@Bind("vendor") long vendorId);

    /** The key agreement {@code agreementId} pinned, with the fingerprint it was pinned by. */
    @SqlQuery("SELECT id AS agreement_id, openpgp_public_key AS armored, openpgp_fingerprint AS fingerprint"
            + " FROM vendor_agreements WHERE id = :id")
    @RegisterConstructorMapper(PinnedKey.class)
    Optional<PinnedKey> pinned(@Bind("id") long agreementId);

    default long insert(long vendorId, Terms terms, String signedBy) {
        return insert(vendorId, terms.service(), terms.allowedFields().toArray(String[]::new), terms.purpose(),
                terms.validFrom(), terms.validUntil(), terms.armoredKey(), terms.fingerprint(), signedBy,
                terms.membershipStatusRequired(), terms.membershipStatusJustification());
    }

    @SqlUpdate("""
            INSERT INTO vendor_agreements (vendor_id, service, allowed_fields, purpose, valid_from, valid_until,
                openpgp_public_key, openpgp_fingerprint, signed_for_union_by, membership_status_required,
                membership_status_justification)
            VALUES (:vendor, :service, :fields, :purpose, :from, :until, :key, :fingerprint, :by, :statusRequired, :why)""")
    @GetGeneratedKeys("id")
    long insert(@Bind("vendor") long vendorId, @Bind("service") ServiceKind service, @Bind("fields") String[] allowedFields,
                @Bind("purpose") String purpose, @Bind("from") LocalDate validFrom, @Bind("until") LocalDate validUntil,
                @Bind("key") String armoredKey, @Bind("fingerprint") String fingerprint, @Bind("by") String signedBy,
                @Bind("statusRequired") boolean membershipStatusRequired, @Bind("why") String membershipStatusJustification);

    /** Ends the vendor's active agreement, if any; returns its id. */
    @SqlQuery("""
            UPDATE vendor_agreements SET active = false, ended_at = now(), ended_by = :by
            WHERE vendor_id = :vendor AND active RETURNING id""")
    Optional<Long> endActive(@Bind("vendor") long vendorId, @Bind("by") String endedBy);

    /** Ends agreement {@code agreementId} of this vendor if it is active; false if it is not. */
    default boolean end(long vendorId, long agreementId, String endedBy) {
        return endIfActive(vendorId, agreementId, endedBy) == 1;
    }

    @SqlUpdate("""
            UPDATE vendor_agreements SET active = false, ended_at = now(), ended_by = :by
            WHERE id = :id AND vendor_id = :vendor AND active""")
    int endIfActive(@Bind("vendor") long vendorId, @Bind("id") long agreementId, @Bind("by") String endedBy);

    /** Links the agreement that ended to the one that replaced it (inserted after the old one ended). */
    @SqlUpdate("UPDATE vendor_agreements SET superseded_by = :next WHERE id = :id")
    void supersede(@Bind("id") long endedId, @Bind("next") long nextId);

    /** What an agreement says, checked by {@link VendorService}; inserted as it is. */
    record Terms(ServiceKind service, List<String> allowedFields, String purpose, LocalDate validFrom,
                 LocalDate validUntil, String armoredKey, String fingerprint, boolean membershipStatusRequired,
                 String membershipStatusJustification) {
        @Override
        public String toString() {
            return "Terms[" + service + ", " + allowedFields + ", " + validFrom + ".." + validUntil + ", " + fingerprint + "]";
        }
    }

    /** A row of {@link #SELECT}; {@code inForce} is left for {@link AgreementView#asOf} to say. */
    final class AgreementMapper implements RowMapper<AgreementView> {
        @Override
        public AgreementView map(ResultSet rs, StatementContext ctx) throws SQLException {
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
}
