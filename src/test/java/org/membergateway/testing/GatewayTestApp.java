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
        return new DropwizardAppExtension<>(application, configPath, new LeavingNothingBehind(overrides));
    }

    /** The {@code dw.} system properties set before any test gateway: what every one leaves behind. */
    private static final java.util.Map<String, String> BASELINE = dropwizardProperties();

    private static java.util.Map<String, String> dropwizardProperties() {
        java.util.Map<String, String> found = new java.util.HashMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("dw.")) {
                found.put(name, System.getProperty(name));
            }
        }
        return found;
    }

    /**
     * The overrides as one, removed by restoring the {@code dw.} properties as they were before any
     * test gateway. Dropwizard's own removal restores each property to the value it saw when set, so
     * a key given twice (a test's own setting after a default here) or set by two gateways of one
     * class stayed set for every later class: a master key left behind that way moved the next
     * classes' secrets into their databases. A gateway reads these only while it starts, so clearing
     * them when the first of a class's gateways stops is harmless to the others.
     */
    private static final class LeavingNothingBehind extends ConfigOverride {
        private final List<ConfigOverride> overrides;

        LeavingNothingBehind(List<ConfigOverride> overrides) {
            this.overrides = List.copyOf(overrides);
        }

        @Override
        public void addToSystemProperties() {
            overrides.forEach(ConfigOverride::addToSystemProperties);
        }

        @Override
        public void removeFromSystemProperties() {
            dropwizardProperties().keySet().forEach(System::clearProperty);
            BASELINE.forEach(System::setProperty);
        }
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
