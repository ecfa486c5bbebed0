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
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's one PostgreSQL database: either the server named by {@code GATEWAY_DATABASE_URL}
 * or an embedded server whose data lives under {@code GATEWAY_DATA_DIR/postgres}.
 *
 * <p>Opening it applies the schema migrations, so every command (server, demo, import, verify)
 * sees the same schema. Closing stops the embedded server, if any.
 *
 * <p>Two roles: migrations run as the schema owner (embedded: the superuser {@code postgres};
 * external: {@code database.migrationUser}, by default the application user), while the pool and
 * {@link #dataSource()} connect as the application role (embedded: {@value #EMBEDDED_APP_ROLE},
 * created on first start). The owner keeps the audit tables, so the application can append to the
 * trail but not rewrite it (see {@code V2__roles_and_audit_trail.sql}).
 */
public final class GatewayDatabase implements Managed, AutoCloseable {

    static final String EMBEDDED_DATABASE = "gateway";
    /** The application's login role in the embedded database: not a superuser, not an owner of the audit trail. */
    public static final String EMBEDDED_APP_ROLE = "gateway_app";
    /** NOLOGIN role that owns the member tables; the application role is a member (bulk imports rebuild indexes). */
    public static final String MEMBERS_OWNER_ROLE = "gateway_members_owner";
    private static final String EMBEDDED_SUPERUSER = "postgres";
    private static final String PG_HBA = "pg_hba.conf";
    private static final String PG_HBA_MARKER = "# member-gateway:";
    /** No trust, no peer, no replication: every connection gives a role's password (SCRAM-SHA-256). */
    private static final String PG_HBA_CONTENT = PG_HBA_MARKER + " written at every start of the embedded server;"
            + " edits are lost.\n"
            + "local   all   all                  scram-sha-256\n"
            + "host    all   all   127.0.0.1/32   scram-sha-256\n"
            + "host    all   all   ::1/128        scram-sha-256\n";
    /** The audit writer's pool: one connection for the group-commit writer, one for the checkpointer. */
    static final int AUDIT_WRITER_CONNECTIONS = 2;
    /** Role names go into the migration as placeholders: letters, digits and a few separators only. */
    private static final Pattern ROLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.@-]{0,62}");
    private static final Logger LOG = LoggerFactory.getLogger(GatewayDatabase.class);

    private final EmbeddedPostgres embedded;
    private final DataSourceFactory dataSourceFactory;
    private final String migrationUser;
    private final String migrationPassword;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Stops the embedded server at JVM exit unless the server's lifecycle has taken that over. */
    private final Thread stopAtExit;
    private volatile boolean lifecycleStarted;

    private GatewayDatabase(EmbeddedPostgres embedded, DataSourceFactory dataSourceFactory,
                            String migrationUser, String migrationPassword) {
        this.embedded = embedded;
        this.dataSourceFactory = dataSourceFactory;
        this.migrationUser = migrationUser;
        this.migrationPassword = migrationPassword;
        if (embedded != null) {
            stopAtExit = new Thread(() -> {
                if (!lifecycleStarted) {
                    close();
                }
            }, "embedded-postgres-stop");
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        } else {
            stopAtExit = null;
        }
    }

    /**
     * Starts the embedded server if no URL is configured, points the connection pool
     * at it, and migrates the schema.
     *
     * @throws DatabaseUnavailableException with an operator-readable message when it cannot
     */
    public static GatewayDatabase open(DatabaseConfiguration settings, EmbeddedDatabaseConfiguration embeddedSettings,
                                       Path dataDir) {
        DataSourceFactory factory = poolFactory(settings.getMaxPoolSize(), settings.getCheckoutTimeout());
        EmbeddedPostgres embedded = null;
        String migrationUser;
        String migrationPassword;
        if (settings.isEmbedded()) {
            EmbeddedDatabaseSecrets secrets = embeddedSecrets(dataDir);
            embedded = startEmbedded(dataDir.resolve("postgres"), embeddedSettings.getPort(), secrets);
            // No user in the URL: the driver lets URL parameters override the user property.
            factory.setUrl("jdbc:postgresql://localhost:" + embedded.getPort() + "/" + EMBEDDED_DATABASE);
            factory.setUser(EMBEDDED_APP_ROLE);
            factory.setPassword(secrets.applicationPassword());
            migrationUser = EMBEDDED_SUPERUSER;
            migrationPassword = secrets.superuserPassword();
        } else {
            factory.setUrl(settings.getUrl());
            factory.setUser(settings.getUser());
            factory.setPassword(settings.getPassword());
            boolean separateOwner = settings.getMigrationUser() != null && !settings.getMigrationUser().isBlank();
            migrationUser = separateOwner ? settings.getMigrationUser() : settings.getUser();
            migrationPassword = separateOwner ? settings.getMigrationPassword() : settings.getPassword();
        }
        GatewayDatabase database = new GatewayDatabase(embedded, factory, migrationUser, migrationPassword);
        try {
            database.migrate();
            database.checkApplicationRole();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    private static DataSourceFactory poolFactory(int maxSize, io.dropwizard.util.Duration checkoutTimeout) {
        DataSourceFactory factory = new DataSourceFactory();
        factory.setDriverClass("org.postgresql.Driver");
        factory.setMaxSize(maxSize);
        factory.setMinSize(Math.min(2, maxSize));
        factory.setInitialSize(Math.min(2, maxSize));
        // A full pool answers 503 after this instead of holding the request (and its thread) indefinitely.
        factory.setMaxWaitForConnection(checkoutTimeout);
        factory.setValidationQuery("/* member-gateway health check */ SELECT 1");
        // After PostgreSQL restarts, every pooled connection is dead. Checked when borrowed (at most
        // once a second each), they are replaced at once; the library's default (idle checks every
        // 30 s) kept requests and the health check failing for half a minute after the database was back.
        factory.setCheckConnectionOnBorrow(true);
        factory.setValidationInterval(io.dropwizard.util.Duration.seconds(1));
        // Batched inserts (the audit trail's group commit) go out as multi-row INSERTs: one round trip.
        factory.setProperties(Map.of("ApplicationName", "member-gateway", "reWriteBatchedInserts", "true"));
        return factory;
    }

    /**
     * The embedded server's passwords, under {@code keys/}. A cluster already secured by them
     * whose password files are gone cannot be opened: say so rather than generate new ones.
     */
    private static EmbeddedDatabaseSecrets embeddedSecrets(Path dataDir) {
        Path keysDir = dataDir.resolve("keys");
        if (passwordProtected(dataDir.resolve("postgres")) && !EmbeddedDatabaseSecrets.exist(keysDir)) {
            throw new DatabaseUnavailableException("The embedded database in " + dataDir.resolve("postgres")
                    + " asks for the passwords kept in " + keysDir.resolve(EmbeddedDatabaseSecrets.SUPERUSER_FILE)
                    + " and " + keysDir.resolve(EmbeddedDatabaseSecrets.APPLICATION_FILE)
                    + ", which are missing. Restore them from the backup of " + keysDir + ".", null);
        }
        return EmbeddedDatabaseSecrets.loadOrCreate(keysDir);
    }

    /** True when the cluster's pg_hba.conf is the one this class writes (passwords for every connection). */
    private static boolean passwordProtected(Path dataDirectory) {
        Path hba = dataDirectory.resolve(PG_HBA);
        try {
            return Files.exists(dataDirectory.resolve("PG_VERSION")) && Files.exists(hba)
                    && Files.readString(hba).startsWith(PG_HBA_MARKER);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not read " + hba + ": " + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve(PG_HBA), PG_HBA_CONTENT);
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not write " + dataDirectory.resolve(PG_HBA) + ": "
                    + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startEmbedded(Path dataDirectory, int port, EmbeddedDatabaseSecrets secrets) {
        long started = System.nanoTime();
        // A cluster created before the gateway asked for passwords trusts every local connection and its
        // superuser has none: it starts as it is once more, gets its passwords, and is then locked.
        boolean trusting = Files.exists(dataDirectory.resolve("PG_VERSION")) && !passwordProtected(dataDirectory);
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The library's hook would stop the server alongside the gateway's own shutdown, before
                    // the audit trail has flushed and signed its last checkpoint. GatewayDatabase stops it:
                    // from the lifecycle once the server runs, from its own hook before that (failed starts,
                    // one-shot commands).
                    .setRegisterShutdownHook(false)
                    // Without the library's hook a postmaster that outlives a timed-out start is nobody's to
                    // stop: give a slow machine time rather than give up at the default 10 s.
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    // The library runs initdb -A trust: any local user would be superuser. These options
                    // come after it on initdb's command line, so a new cluster asks every connection for a
                    // password (SCRAM-SHA-256) and its superuser has one from the first moment.
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("pwfile", secrets.superuserFile().toString())
                    // Every connection the library makes (its readiness check included) as the superuser.
                    .setConnectConfig("password", secrets.superuserPassword())
                    // Before every start: the rules are ours, whatever the file says (not on the one start
                    // that sets the passwords of a cluster that has none yet).
                    .setDataDirectoryCustomizer(dir -> {
                        if (!trusting) {
                            writeHba(dir.toPath());
                        }
                    })
                    // The library's test-friendly defaults turn durability off (-F, synchronous_commit=off).
                    // This database holds the audit trail and member records: a commit must survive a crash.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
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
            PGConnection pg = c.unwrap(PGConnection.class);
            if (trusting) {
                pg.alterUserPassword(EMBEDDED_SUPERUSER, secrets.superuserPasswordChars(), "scram-sha-256");
                writeHba(dataDirectory);
                try (Statement reload = c.createStatement()) {
                    reload.execute("SELECT pg_reload_conf()");
                }
                LOG.warn("The embedded database in {} trusted every local connection; it now asks for the passwords"
                        + " in {}", dataDirectory, secrets.superuserFile().getParent());
            }
            ensureDatabase(c);
            ensureApplicationRole(c);
            // Computed here (SCRAM) and sent as a verifier: the password itself never reaches the server.
            pg.alterUserPassword(EMBEDDED_APP_ROLE, secrets.applicationPasswordChars(), "scram-sha-256");
            requireNoTrust(c, dataDirectory);
        } catch (SQLException e) {
            closeQuietly(postgres);
            throw new DatabaseUnavailableException("The embedded PostgreSQL started but did not answer: "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(postgres);
            throw e;
        }
        LOG.info("Embedded PostgreSQL ready on localhost:{} (data in {}) after {} ms",
                postgres.getPort(), dataDirectory, (System.nanoTime() - started) / 1_000_000);
        return postgres;
    }

    /** Fail closed: the server must not be left accepting any connection without a password. */
    private static void requireNoTrust(Connection postgres, Path dataDirectory) throws SQLException {
        try (Statement s = postgres.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_hba_file_rules"
                     + " WHERE auth_method IS DISTINCT FROM 'scram-sha-256' OR error IS NOT NULL")) {
            rs.next();
            if (rs.getLong(1) > 0) {
                throw new DatabaseUnavailableException("The embedded database in " + dataDirectory
                        + " would accept connections without a password (pg_hba.conf); it was stopped.", null);
            }
        }
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

    /** The application's role: neither superuser nor owner; its password is set at every start. */
    private static void ensureApplicationRole(Connection postgres) throws SQLException {
        try (Statement create = postgres.createStatement()) {
            create.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + EMBEDDED_APP_ROLE
                    + "') THEN CREATE ROLE " + EMBEDDED_APP_ROLE
                    + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION; END IF; END $$");
        }
    }

    /**
     * The role the application connects as, asked of the server: the user may come from the
     * configuration, the URL or the driver's default, and only the server knows which applies.
     */
    private String applicationRole() {
        String role;
        try (Connection c = dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_user")) {
            rs.next();
            role = rs.getString(1);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("Could not connect to " + redactedUrl()
                    + " as the application user: " + e.getMessage(), e);
        }
        if (!ROLE_NAME.matcher(role).matches()) {
            throw new DatabaseUnavailableException("The application role's name is not a plain role name"
                    + " (letters, digits, _ . @ -); it is written into the schema's grants", null);
        }
        return role;
    }

    private void migrate() {
        String appRole = applicationRole();
        try {
            MigrateResult result = Flyway.configure()
                    .dataSource(dataSource(migrationUser, migrationPassword))
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .placeholders(Map.of("appRole", appRole, "membersOwnerRole", MEMBERS_OWNER_ROLE))
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

    /**
     * Says so in the log when the privilege barrier around the audit trail is not in force; the
     * append-only triggers still stand, but an owner or superuser can disable them.
     */
    private void checkApplicationRole() {
        try (Connection c = dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.rolsuper, pg_has_role(current_user, t.tableowner, 'USAGE')"
                     + " FROM pg_roles r, pg_tables t"
                     + " WHERE r.rolname = current_user AND t.schemaname = current_schema() AND t.tablename = 'audit_entries'")) {
            if (rs.next() && (rs.getBoolean(1) || rs.getBoolean(2))) {
                LOG.warn("The application connects to the database as {}; only triggers keep the audit trail"
                        + " append-only. Set database.migrationUser to the schema owner and database.user to a role"
                        + " without those rights.", rs.getBoolean(1) ? "a superuser" : "the owner of the audit trail");
            }
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("The schema is migrated but the application role cannot connect to "
                    + redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Jdbi over {@code dataSource} set up as the server's {@code JdbiFactory} sets it up (SqlObject
     * DAOs), for commands and tests that run without a Dropwizard environment.
     */
    public static Jdbi jdbi(DataSource dataSource) {
        return configure(Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin()));
    }

    /**
     * What every Jdbi of the gateway needs beyond its defaults, the server's included: timestamps
     * read at UTC, as the driver gives them, so the offsets the API shows do not follow the
     * machine's time zone.
     */
    public static Jdbi configure(Jdbi jdbi) {
        return jdbi.registerColumnMapper(OffsetDateTime.class, new UtcOffsetDateTimeMapper());
    }

    /** Jdbi over {@link #dataSource()}: unpooled, as the application role, for one-shot commands. */
    public Jdbi jdbi() {
        return jdbi(dataSource());
    }

    /** An unpooled data source for one-shot commands, as the application role; the server builds its own pool from the factory. */
    public DataSource dataSource() {
        return dataSource(dataSourceFactory.getUser(), dataSourceFactory.getPassword());
    }

    private DataSource dataSource(String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(dataSourceFactory.getUrl());
        if (user != null && !user.isEmpty()) {
            ds.setUser(user);
        }
        if (password != null && !password.isEmpty()) {
            ds.setPassword(password);
        }
        ds.setApplicationName("member-gateway");
        ds.setReWriteBatchedInserts(true);
        return ds;
    }

    /** Settings for the server's managed connection pool (Dropwizard builds it and its health check). */
    public DataSourceFactory dataSourceFactory() {
        return dataSourceFactory;
    }

    /**
     * Settings for the audit writer's own small pool: the group-commit writer and the checkpointer,
     * one connection each. Requests hold a connection of the main pool while they wait for their
     * audit entry to commit; were the writer to draw from that pool too, as many parallel requests
     * as it has connections would leave the writer none, and every one of them would wait out its
     * commit timeout.
     */
    public DataSourceFactory auditWriterDataSourceFactory() {
        DataSourceFactory writer = poolFactory(AUDIT_WRITER_CONNECTIONS, dataSourceFactory.getMaxWaitForConnection());
        writer.setUrl(dataSourceFactory.getUrl());
        writer.setUser(dataSourceFactory.getUser());
        writer.setPassword(dataSourceFactory.getPassword());
        writer.setProperties(Map.of("ApplicationName", "member-gateway/audit-writer", "reWriteBatchedInserts", "true"));
        return writer;
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

    /** From here on the server's lifecycle stops the database, after everything registered later (the audit trail). */
    @Override
    public void start() {
        lifecycleStarted = true;
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (embedded == null || !closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException shuttingDown) {
            // Called from a shutdown hook (ours or the lifecycle's): nothing to remove.
        }
        closeQuietly(embedded);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
