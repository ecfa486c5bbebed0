package org.membergateway.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A {@code timestamptz} as the PostgreSQL driver reads it: at offset UTC. Jdbi's own mapper moves it
 * to the JVM's zone, which would change the offset the API shows (createdAt, declaredAt) with the
 * machine's time zone.
 */
public final class UtcOffsetDateTimeMapper implements ColumnMapper<OffsetDateTime> {

    @Override
    public OffsetDateTime map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
        return r.getObject(columnNumber, OffsetDateTime.class);
    }
}
