package org.membergateway.elections;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/** Elections as stored (V20). */
@RegisterRowMapper(ElectionDao.ElectionMapper.class)
public interface ElectionDao {

    String COLUMNS = """
            id, name, office, scope_type, scope_id, nominations_close_on, ballots_mailed_on, election_day,
            mail_vendor_id, email_vendor_id, mail_rate_cents, email_rate_cents, payment_in_advance, lead_days,
            terms_sha256, created_at, created_by""";

    @SqlQuery("SELECT " + COLUMNS + " FROM elections WHERE id = :id")
    Optional<Election> find(@Bind("id") String id);

    /**
     * The election, its row locked until the transaction ends: a calendar change and the opening of
     * an inspection (which reads it {@link #findShared shared}) are ordered, so neither decides on a
     * window the other is changing.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM elections WHERE id = :id FOR UPDATE")
    Optional<Election> findLocked(@Bind("id") String id);

    /** The election, read under a share lock that a calendar change ({@link #findLocked}) waits for. */
    @SqlQuery("SELECT " + COLUMNS + " FROM elections WHERE id = :id FOR SHARE")
    Optional<Election> findShared(@Bind("id") String id);

    /** Whether any candidate has opened an inspection of the election's membership list. */
    @SqlQuery("SELECT EXISTS (SELECT 1 FROM election_inspections WHERE election_id = :id)")
    boolean anyInspection(@Bind("id") String id);

    /** The calendar, the one part of an election that may change (the V20 trigger guards the rest). */
    @SqlUpdate("""
            UPDATE elections SET nominations_close_on = :nominationsCloseOn, ballots_mailed_on = :ballotsMailedOn,
                election_day = :electionDay
            WHERE id = :id""")
    int updateCalendar(@Bind("id") String id, @Bind("nominationsCloseOn") LocalDate nominationsCloseOn,
                       @Bind("ballotsMailedOn") LocalDate ballotsMailedOn, @Bind("electionDay") LocalDate electionDay);

    /** Every election, the latest election day first (elections are few: a handful a year). */
    @SqlQuery("SELECT " + COLUMNS + " FROM elections ORDER BY election_day DESC, id LIMIT :limit")
    List<Election> list(@Bind("limit") int limit);

    /** Elections whose election day is in {@code [from, to]}: those whose calendar window may hold a day. */
    @SqlQuery("SELECT " + COLUMNS + " FROM elections WHERE election_day BETWEEN :from AND :to ORDER BY election_day, id")
    List<Election> withElectionDayBetween(@Bind("from") LocalDate from, @Bind("to") LocalDate to);

    /** Enters an election with its terms; 0 when an election with its id exists already. */
    @SqlUpdate("""
            INSERT INTO elections (id, name, office, scope_type, scope_id, nominations_close_on, ballots_mailed_on,
                election_day, mail_vendor_id, email_vendor_id, mail_rate_cents, email_rate_cents, payment_in_advance,
                lead_days, terms_sha256, created_at, created_by)
            VALUES (:id, :name, :office, :scopeType, :scopeId, :nominationsCloseOn, :ballotsMailedOn, :electionDay,
                :mailVendorId, :emailVendorId, :mailRate, :emailRate, :inAdvance, :leadDays, :sha, :createdAt, :createdBy)
            ON CONFLICT (id) DO NOTHING""")
    int insert(@Bind("id") String id, @Bind("name") String name, @Bind("office") Office office,
               @Bind("scopeType") ScopeType scopeType, @Bind("scopeId") String scopeId,
               @Bind("nominationsCloseOn") LocalDate nominationsCloseOn, @Bind("ballotsMailedOn") LocalDate ballotsMailedOn,
               @Bind("electionDay") LocalDate electionDay, @Bind("mailVendorId") long mailVendorId,
               @Bind("emailVendorId") Long emailVendorId, @Bind("mailRate") int mailRate, @Bind("emailRate") int emailRate,
               @Bind("inAdvance") boolean inAdvance, @Bind("leadDays") int leadDays, @Bind("sha") String sha,
               @Bind("createdAt") OffsetDateTime createdAt, @Bind("createdBy") String createdBy);

    /** Enters {@code e}; 0 when an election with its id exists already. */
    default int insert(Election e) {
        ElectionTerms t = e.terms();
        return insert(e.id(), e.name(), e.office(), e.scopeType(), e.scopeId(), e.nominationsCloseOn(),
                e.ballotsMailedOn(), e.electionDay(), e.mailVendorId(), e.emailVendorId(), t.mailRateCents(),
                t.emailRateCents(), t.paymentInAdvance(), t.leadDays(), t.sha256(), e.createdAt(), e.createdBy());
    }

    /** Whether the vendor exists and is active (a deactivated vendor delivers nothing). */
    @SqlQuery("SELECT active FROM vendors WHERE id = :id")
    Optional<Boolean> vendorActive(@Bind("id") long id);

    /** Whether the vendor holds an agreement in force on {@code today}, of {@code service} when that is not null. */
    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM vendor_agreements
                           WHERE vendor_id = :id AND active AND :today BETWEEN valid_from AND valid_until
                             AND (CAST(:service AS varchar) IS NULL OR service = :service))""")
    boolean hasAgreementInForce(@Bind("id") long id, @Bind("service") String service, @Bind("today") LocalDate today);

    /** Maps a row of {@link #COLUMNS}. */
    final class ElectionMapper implements RowMapper<Election> {
        @Override
        public Election map(ResultSet rs, StatementContext ctx) throws SQLException {
            long emailVendor = rs.getLong("email_vendor_id");
            Long emailVendorId = rs.wasNull() ? null : emailVendor;
            return new Election(rs.getString("id"), rs.getString("name"), Office.valueOf(rs.getString("office")),
                    ScopeType.valueOf(rs.getString("scope_type")), rs.getString("scope_id"),
                    rs.getObject("nominations_close_on", LocalDate.class),
                    rs.getObject("ballots_mailed_on", LocalDate.class),
                    rs.getObject("election_day", LocalDate.class), rs.getLong("mail_vendor_id"), emailVendorId,
                    new ElectionTerms(rs.getInt("mail_rate_cents"), rs.getInt("email_rate_cents"),
                            rs.getBoolean("payment_in_advance"), rs.getInt("lead_days"), rs.getString("terms_sha256")),
                    rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"));
        }
    }
}
