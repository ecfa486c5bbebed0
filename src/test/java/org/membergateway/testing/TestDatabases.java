package org.membergateway.testing;

import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;

/** Opens a migrated gateway database on the shared test server. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The single value a query answers. */
    public static <T> T one(Jdbi jdbi, String sql, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    public static GatewayDatabase openFresh() {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.getDatabase().setUrl(TestPostgres.newDatabase());
        configuration.getDatabase().setUser("postgres");
        return GatewayDatabase.open(configuration);
    }
}
