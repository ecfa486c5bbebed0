package org.membergateway.elections;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
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
