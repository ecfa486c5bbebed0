package org.membergateway.db;

import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.membergateway.GatewayConfiguration;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one PostgreSQL database: either the server named by {@code GATEWAY_DATABASE_URL}
 * or an embedded server whose data lives under {@code GATEWAY_DATA_DIR/postgres}.
 *
 * <p>Opening it applies the schema migrations, so every command (server, demo, import, verify)
 * sees the same schema. Closing stops the embedded server, if any.
 */
public final class GatewayDatabase implements Managed, AutoCloseable {

    static final String EMBEDDED_DATABASE = "gateway";
    private static final String EMBEDDED_SUPERUSER = "postgres";
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDatabase.class);

    private final EmbeddedPostgres embedded;
    private final DataSourceFactory dataSourceFactory;

    private GatewayDatabase(EmbeddedPostgres embedded, DataSourceFactory dataSourceFactory) {
        this.embedded = embedded;
        this.dataSourceFactory = dataSourceFactory;
    }

    /**
     * Starts the embedded server if no URL is configured, points the connection pool
     * at it, and migrates the schema.
     *
     * @throws DatabaseUnavailableException with an operator-readable message when it cannot
     */
    public static GatewayDatabase open(GatewayConfiguration configuration) {
        GatewayConfiguration.Database settings = configuration.getDatabase();
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setMaxSize(settings.getMaxPoolSize());
        factory.setMinSize(Math.min(2, settings.getMaxPoolSize()));
        factory.setInitialSize(Math.min(2, settings.getMaxPoolSize()));
        factory.setValidationQuery("/* member-gateway health check */ SELECT 1");
        factory.setProperties(java.util.Map.of("ApplicationName", "member-gateway"));
        EmbeddedPostgres embedded = null;
        if (configuration.usesEmbeddedDatabase()) {
            embedded = startEmbedded(configuration.dataPath().resolve("postgres"),
                    configuration.getEmbeddedDatabase().getPort());
            factory.setUrl(embedded.getJdbcUrl(EMBEDDED_SUPERUSER, EMBEDDED_DATABASE));
            factory.setUser(EMBEDDED_SUPERUSER);
        } else {
            factory.setUrl(settings.getUrl());
            factory.setUser(settings.getUser());
            factory.setPassword(settings.getPassword());
        }
        GatewayDatabase database = new GatewayDatabase(embedded, factory);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static EmbeddedPostgres startEmbedded(Path dataDirectory, int port) {
        long started = System.nanoTime();
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The library's test-friendly defaults turn durability off (-F, synchronous_commit=off).
                    // This database holds the audit trail and member records: a commit must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("timezone", "UTC")
                    .start();
        } catch (IllegalStateException e) {
            // "could not lock" from another process; OverlappingFileLockException from this one.
            if (String.valueOf(e.getMessage()).contains("could not lock")
                    || e instanceof java.nio.channels.OverlappingFileLockException) {
                throw new DatabaseUnavailableException("The embedded database in " + dataDirectory
                        + " is in use by another gateway process. Stop that process, or send the work to it"
                        + " over HTTP.", e);
            }
            throw new DatabaseUnavailableException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not start the embedded PostgreSQL in " + dataDirectory
                    + ": " + e.getMessage(), e);
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            ensureDatabase(c);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new DatabaseUnavailableException("The embedded PostgreSQL started but did not answer: "
                    + e.getMessage(), e);
        }
        LOG.info("Embedded PostgreSQL ready on localhost:{} (data in {}) after {} ms",
                postgres.getPort(), dataDirectory, (System.nanoTime() - started) / 1_000_000);
        return postgres;
    }

    private static void ensureDatabase(Connection postgres) throws SQLException {
        try (PreparedStatement exists = postgres.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, EMBEDDED_DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (Statement create = postgres.createStatement()) {
            create.execute("CREATE DATABASE " + EMBEDDED_DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
        }
    }

    private void migrate() {
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource())
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Applied {} schema migration(s); schema is at version {}",
                        result.migrationsExecuted, result.targetSchemaVersion);
            }
        } catch (RuntimeException e) {
            throw new DatabaseUnavailableException("Could not apply the schema migrations to "
                    + redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /** An unpooled data source for one-shot commands; the server builds its own pool from the factory. */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(dataSourceFactory.getUrl());
        if (dataSourceFactory.getUser() != null && !dataSourceFactory.getUser().isEmpty()) {
            ds.setUser(dataSourceFactory.getUser());
        }
        if (dataSourceFactory.getPassword() != null && !dataSourceFactory.getPassword().isEmpty()) {
            ds.setPassword(dataSourceFactory.getPassword());
        }
        ds.setApplicationName("member-gateway");
        return ds;
    }

    /** Settings for the server's managed connection pool (Dropwizard builds it and its health check). */
    public DataSourceFactory dataSourceFactory() {
        return dataSourceFactory;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The JDBC URL without credentials or query parameters, safe to log. */
    public String redactedUrl() {
        String url = dataSourceFactory.getUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (embedded != null) {
            closeQuietly(embedded);
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
