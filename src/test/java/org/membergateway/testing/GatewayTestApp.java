package org.membergateway.testing;

import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;

/**
 * The gateway as integration tests run it: config/gateway.yml on a fresh database of the shared
 * test server, migrated as the owner and used as a non-owner application role (as in production),
 * a temporary data directory, free ports, the cheapest Argon2id parameters, and the {@code admin}
 * account bootstrapped.
 */
public final class GatewayTestApp {

    private GatewayTestApp() {
    }

    public static DropwizardAppExtension<GatewayConfiguration> create(String adminPassword, ConfigOverride... extra) {
        return create(GatewayApplication.class, adminPassword, extra);
    }

    /** The same, for a subclass of the application (one that gives the services a clock the test moves). */
    public static DropwizardAppExtension<GatewayConfiguration> create(Class<? extends GatewayApplication> application,
                                                                       String adminPassword, ConfigOverride... extra) {
        return create(application, "config/gateway.yml", TestPostgres::newMigratedDatabaseForAppRole,
                () -> tempDir("gateway-it"), adminPassword, extra);
    }

    /** The same on another configuration file (config/production.yml), overridden alike. */
    public static DropwizardAppExtension<GatewayConfiguration> withConfig(String configPath, String adminPassword,
                                                                          ConfigOverride... extra) {
        return create(GatewayApplication.class, configPath, TestPostgres::newMigratedDatabaseForAppRole,
                () -> tempDir("gateway-it"), adminPassword, extra);
    }

    /**
     * One of several instances sharing a database (the {@code url} of {@link TestPostgres#newDatabaseForRole})
     * and a data directory, so also their keys and API-key secret, as README says instances must.
     */
    public static DropwizardAppExtension<GatewayConfiguration> sharing(String url, String dataDir, String adminPassword,
                                                                       ConfigOverride... extra) {
        return create(GatewayApplication.class, "config/gateway.yml", () -> url, () -> dataDir, adminPassword, extra);
    }

    private static DropwizardAppExtension<GatewayConfiguration> create(Class<? extends GatewayApplication> application,
                                                                      String configPath, Supplier<String> url, Supplier<String> dataDir,
                                                                      String adminPassword, ConfigOverride... extra) {
        List<ConfigOverride> overrides = new ArrayList<>(List.of(
                ConfigOverride.config("database.url", url),
                ConfigOverride.config("database.user", TestDatabases.APP_ROLE),
                ConfigOverride.config("database.migrationUser", "postgres"),
                ConfigOverride.config("dataDir", dataDir),
                ConfigOverride.config("auth.bootstrapAdminPassword", adminPassword),
                ConfigOverride.config("server.applicationConnectors[0].port", "0"),
                ConfigOverride.config("server.adminConnectors[0].port", "0"),
                // The cheapest Argon2id the configuration allows (production keeps its defaults): a test
                // run signs in well over a thousand times, each a real Argon2id check, at a few
                // milliseconds instead of tens. A test's own overrides, after these, win.
                ConfigOverride.config("auth.argon2.memoryKiB", "1024"),
                ConfigOverride.config("auth.argon2.iterations", "1")));
        overrides.addAll(List.of(extra));
        return new DropwizardAppExtension<>(application, configPath, overrides.toArray(ConfigOverride[]::new));
    }

    /**
     * The running gateway's database as its owner ({@code postgres}): for fixtures (members, elections)
     * and for reading what the application itself may not, such as the audit trail's rows.
     */
    public static Jdbi superuser(DropwizardAppExtension<GatewayConfiguration> app) {
        return GatewayDatabase.jdbi(TestDatabases.dataSource(app.getConfiguration().getDatabase().getUrl(), "postgres"));
    }

    public static String tempDir(String prefix) {
        return TempDirectories.create(prefix).toString();
    }
}
