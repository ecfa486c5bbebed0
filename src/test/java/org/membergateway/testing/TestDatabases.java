package org.membergateway.testing;

import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens a migrated gateway database on the shared test server. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The single value a query answers. */
    public static <T> T one(Jdbi jdbi, String sql, Class<T> type) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(type).one());
    }

    /** The {@code count(*)} a query with positional parameters ({@code ?}) answers. */
    public static long count(Jdbi jdbi, String sql, Object... args) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    /** The application role of split-role test databases (server-wide, like every role). */
    public static final String APP_ROLE = "gateway_app_test";

    /**
     * A migrated database as production runs it: migrations as the owner ({@code postgres}), the
     * application as {@link #APP_ROLE}. {@code app} connects as the application; {@code superuser}
     * as {@code postgres}, for what only an attacker with the keys to the server could do.
     */
    public record SplitRoles(GatewayConfiguration configuration, GatewayDatabase database, String url, Jdbi app,
                             Jdbi superuser) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
        }
    }

    public static SplitRoles openFreshWithAppRole() {
        GatewayConfiguration configuration = splitRoleConfiguration(TestPostgres.newDatabaseForRole(APP_ROLE));
        GatewayDatabase database = configuration.openDatabase();
        String url = configuration.getDatabase().getUrl();
        return new SplitRoles(configuration, database, url, database.jdbi(),
                GatewayDatabase.jdbi(dataSource(url, "postgres")));
    }

    /** The database settings of a split-role database at {@code url} (see {@link TestPostgres#newDatabaseForRole}). */
    public static GatewayConfiguration splitRoleConfiguration(String url) {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.getDatabase().setUrl(url);
        configuration.getDatabase().setUser(APP_ROLE);
        configuration.getDatabase().setMigrationUser("postgres");
        return configuration;
    }

    public static PGSimpleDataSource dataSource(String url, String user) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(user);
        return ds;
    }

    public static GatewayDatabase openFresh() {
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.getDatabase().setUrl(TestPostgres.newDatabase());
        configuration.getDatabase().setUser("postgres");
        return configuration.openDatabase();
    }
}
