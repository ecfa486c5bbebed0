package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.GatewayServices;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.demo.PublishedDemoPasswords;

/**
 * {@code server config/gateway.yml}: Dropwizard's server command, refusing what only a demo may
 * run with: the embedded database (unless {@code database.allowEmbedded} says this is a
 * single-machine install) and demo accounts that still have their published passwords.
 */
public final class GatewayServerCommand extends ServerCommand<GatewayConfiguration> {

    /** The environment variable behind {@code database.allowEmbedded}, named in the refusal. */
    public static final String ALLOW_EMBEDDED = "GATEWAY_ALLOW_EMBEDDED_DATABASE";

    private final GatewayApplication application;

    public GatewayServerCommand(GatewayApplication application) {
        super(application, "server", "Runs the gateway as an HTTP server");
        this.application = application;
    }

    /** Thrown when the installation is not one `server` runs; the message says what to change. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        // Before anything starts: the embedded server is started by the application's run.
        if (configuration.usesEmbeddedDatabase() && !configuration.getDatabase().isAllowEmbedded()) {
            throw new Refused("no database configured (GATEWAY_DATABASE_URL is empty), and `server` does not use the"
                    + " embedded PostgreSQL unless told to: set GATEWAY_DATABASE_URL to your PostgreSQL, or set "
                    + ALLOW_EMBEDDED + "=true for a single-machine install (data and its passwords under "
                    + configuration.dataPath() + "). `demo` uses the embedded database without it.");
        }
        super.run(bootstrap, namespace, configuration);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, GatewayConfiguration configuration)
            throws Exception {
        GatewayServices services = application.services();
        List<String> published = PublishedDemoPasswords.stillPublished(services.jdbi(),
                new PasswordHasher(configuration.getAuth().getArgon2().parameters()));
        if (!published.isEmpty()) {
            // Not started, so the lifecycle will not stop it: close the database here.
            services.database().close();
            throw new Refused("the demo account(s) " + String.join(", ", published) + " still have the passwords"
                    + " published in the README, and anyone could sign in with them. Give each a new password"
                    + " (person --username NAME) or run `demo` instead.");
        }
        super.run(environment, namespace, configuration);
    }

    /** An operator needs the reason, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof Refused || e instanceof DatabaseUnavailableException
                || e instanceof org.membergateway.crypto.keystore.MasterKeyException) {
            cli.getStdErr().println("server: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
