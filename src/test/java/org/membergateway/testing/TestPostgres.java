package org.membergateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server for the whole test run (started once, stopped by its shutdown hook),
 * and a fresh, empty database per test class so classes cannot see each other's rows.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;
    /** The database {@link #newMigratedDatabaseForAppRole} copies, once it has been migrated. */
    private static String migratedTemplate;

    private TestPostgres() {
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "200")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Creates an empty database and returns its JDBC URL (user {@code postgres}, trust authentication). */
    public static String newDatabase() {
        return copyOf("template0");
    }

    private static String copyOf(String template) {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /**
     * A database already migrated as the gateway migrates one for {@link TestDatabases#APP_ROLE}
     * (owner {@code postgres}), as {@link #newDatabaseForRole} returns it: a copy of one migrated once
     * per test run, so that the gateway of each test class finds its schema up to date rather than
     * applying every migration again. Tests of the migrations themselves take an empty database.
     */
    public static synchronized String newMigratedDatabaseForAppRole() {
        if (migratedTemplate == null) {
            String url = newDatabaseForRole(TestDatabases.APP_ROLE);
            TestDatabases.splitRoleConfiguration(url).openDatabase().close();
            migratedTemplate = url.substring(url.lastIndexOf('/') + 1);
        }
        String url = copyOf(migratedTemplate);
        return url.substring(0, url.indexOf('?'));
    }

    /**
     * Creates an empty database and a server-wide login role (trust authentication, not a
     * superuser) if missing; returns the database's JDBC URL without a user, so the connecting
     * code chooses the role.
     */
    public static String newDatabaseForRole(String role) {
        String url = newDatabase();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN"
                    + " CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url.substring(0, url.indexOf('?'));
    }
}
