package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.GatewayServices;
import org.membergateway.demo.DemoAccounts;
import org.membergateway.demo.DemoElections;
import org.membergateway.demo.DemoUnion;
import org.membergateway.elections.ElectionPolicy;
import org.membergateway.members.ImportResult;

/**
 * {@code demo [--members N] [--seed S] [config]} (README, Commands): the server, plus a synthetic union
 * loaded into an empty database. Restarting keeps whatever the database holds.
 */
public final class DemoCommand extends ServerCommand<GatewayConfiguration> {

    public static final int DEFAULT_MEMBERS = 72_000;
    public static final long DEFAULT_SEED = 503;

    private final GatewayApplication application;

    public DemoCommand(GatewayApplication application) {
        super(application, "demo", "Runs the gateway with a synthetic union (embedded PostgreSQL by default)");
        this.application = application;
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--members").type(Integer.class).setDefault(DEFAULT_MEMBERS)
                .help("members to generate into an empty database (default " + DEFAULT_MEMBERS + ")");
        subparser.addArgument("--seed").type(Long.class).setDefault(DEFAULT_SEED)
                .help("random seed; the same seed gives the same union (default " + DEFAULT_SEED + ")");
    }

    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return super.addFileArgument(subparser).setDefault(FileOrClasspathSourceProvider.DEFAULT_CONFIG);
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        int members = namespace.getInt("members");
        if (members < 1 || members > 5_000_000) {
            throw new IllegalArgumentException("--members must be between 1 and 5,000,000");
        }
        // Before the embedded PostgreSQL starts and the union is generated, not after.
        StartChecks.requireFreePorts(configuration);
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, GatewayConfiguration configuration)
            throws Exception {
        GatewayServices services = application.services();
        DemoUnion demo = new DemoUnion(services.jdbi(), services.importer());
        ProgressLine progress = new ProgressLine(System.out, "generated");
        ImportResult loaded = demo.loadIfEmpty(namespace.getLong("seed"), namespace.getInt("members"), progress)
                .orElse(null);
        // A statewide Board seat and a local office, so the election pages and flags have something to show.
        DemoElections elections = new DemoElections(services.jdbi(), ElectionPolicy.load(configuration.getPolicy().source()),
                java.time.Clock.system(configuration.getPolicy().zone()));
        elections.enterIfNone();
        // Demo passwords exist only in demo mode; `server` never creates these accounts.
        List<DemoAccounts.DemoAccount> accounts = new DemoAccounts(services.jdbi(), services.directory()).ensure();
        elections.declareCandidate(services.directory(), DemoAccounts.username(org.membergateway.auth.Role.MEMBER));
        // Those who request member data get a current acknowledgement (renewed once it expires), so the demo
        // works at once; the rest show the gate. README lists which.
        for (DemoAccounts.DemoAccount account : accounts) {
            if (DemoAccounts.ACKNOWLEDGED_ROLES.contains(account.role())) {
                services.acknowledgements().ensureCurrent(account.username(), "en", "demo command");
            }
        }
        super.run(environment, namespace, configuration);
        printBanner(configuration, services, demo.memberCount(), loaded, accounts);
    }

    /** An operator needs the reason, not a stack trace: a database that cannot start, a busy port, a bad setting. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (!StartChecks.report(cli, "demo", e)) {
            super.onError(cli, namespace, e);
        }
    }

    private static void printBanner(GatewayConfiguration configuration, GatewayServices services, long members,
                                    ImportResult loaded, List<DemoAccounts.DemoAccount> accounts) {
        StringBuilder banner = new StringBuilder("\nmember-gateway demo is ready\n");
        banner.append(String.format(Locale.ROOT, "  members:     %,d%s%n", members,
                loaded == null ? " (existing data kept)" : " (synthetic, generated now)"));
        banner.append("  database:    ").append(services.database().isEmbedded()
                ? "embedded PostgreSQL in " + configuration.dataPath().resolve("postgres")
                : services.database().redactedUrl()).append('\n');
        if (configuration.getServerFactory() instanceof DefaultServerFactory server) {
            banner.append("  pages:       ").append(url(server.getApplicationConnectors().get(0), "/"))
                    .append("   (sign in with a demo account below)").append('\n');
            banner.append("  API:         ").append(url(server.getApplicationConnectors().get(0), "/api/v1/openapi.json"))
                    .append('\n');
            banner.append("  health:      ").append(url(server.getAdminConnectors().get(0), "/healthcheck"))
                    .append('\n');
        }
        // Measured from JVM start, so it includes starting PostgreSQL and loading the union.
        banner.append(String.format(Locale.ROOT, "  ready after: %.1f s%n",
                ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
        banner.append("  demo accounts (demo mode only):\n")
                .append(DemoAccounts.table(accounts).indent(2));
        System.out.println(banner);
    }

    private static String url(ConnectorFactory connector, String path) {
        if (connector instanceof HttpConnectorFactory http) {
            String host = http.getBindHost() == null ? "localhost" : http.getBindHost();
            return "http://" + host + ":" + http.getPort() + path;
        }
        return path;
    }
}
