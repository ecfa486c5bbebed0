package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.DatabaseUnavailableException;

/**
 * What the serving commands ({@code server}, {@code demo}) check before anything starts, and how a
 * start that fails for a reason the operator can fix is reported: one line on standard error naming
 * the setting, and a non-zero exit status, instead of a stack trace that buries the reason.
 */
public final class StartChecks {

    /** The environment variables of config/gateway.yml behind the two ports. */
    static final String HTTP_PORT_VARIABLE = "GATEWAY_HTTP_PORT";
    static final String ADMIN_PORT_VARIABLE = "GATEWAY_ADMIN_PORT";
    /** A message that names one of the gateway's settings is about configuration, which the operator fixes. */
    private static final Pattern NAMES_A_SETTING = Pattern.compile("\\bGATEWAY_[A-Z0-9_]+\\b");

    private StartChecks() {
    }

    /** A start refused because of the installation's settings; the message says what to change. */
    public static final class StartRefused extends RuntimeException {
        public StartRefused(String message) {
            super(message);
        }
    }

    /**
     * Refuses to start when a configured port is taken, before the database (embedded or not) is
     * touched: otherwise the embedded PostgreSQL starts and migrates only for Jetty to fail to bind
     * and the reason to be the last cause of a stack trace. Bound with SO_REUSEADDR as Jetty binds, so a
     * port that only has connections in TIME_WAIT counts as free. A port taken between this check and
     * Jetty's bind is still reported in one line by {@link #report} (after Dropwizard's own log of it).
     */
    public static void requireFreePorts(GatewayConfiguration configuration) {
        if (!(configuration.getServerFactory() instanceof DefaultServerFactory server)) {
            return;
        }
        requireFree(server.getApplicationConnectors(), HTTP_PORT_VARIABLE);
        requireFree(server.getAdminConnectors(), ADMIN_PORT_VARIABLE);
    }

    private static void requireFree(List<ConnectorFactory> connectors, String variable) {
        for (ConnectorFactory connector : connectors) {
            if (connector instanceof HttpConnectorFactory http && http.getPort() > 0) {
                String host = http.getBindHost();
                InetSocketAddress address = host == null || host.isBlank()
                        ? new InetSocketAddress(http.getPort()) : new InetSocketAddress(host, http.getPort());
                try (ServerSocket probe = new ServerSocket()) {
                    probe.setReuseAddress(true);
                    probe.bind(address);
                } catch (BindException e) {
                    throw portInUse(http.getPort(), host, variable);
                } catch (IOException e) {
                    throw new StartRefused("port " + http.getPort() + " cannot be opened (" + variable + "): "
                            + e.getMessage());
                }
            }
        }
    }

    private static StartRefused portInUse(int port, String host, String variable) {
        return new StartRefused("port " + port + " is in use (" + variable + "): another program"
                + (host == null || host.isBlank() ? "" : " on " + host) + " listens there. Stop it, or set " + variable
                + " to a free port.");
    }

    /**
     * The one line for a start that failed for a reason the operator can fix, if {@code failure} is
     * one: a refusal, a database that cannot be reached, a port in use, or one of the gateway's own
     * checks of a setting (its message names the GATEWAY_ variable). Anything else is a fault, for
     * which the stack trace is what helps.
     */
    static Optional<String> operatorMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof StartRefused || cause instanceof GatewayServerCommand.Refused
                    || cause instanceof DatabaseUnavailableException
                    || cause instanceof org.membergateway.crypto.keystore.MasterKeyException) {
                return Optional.of(cause.getMessage());
            }
            if (cause instanceof BindException && failure.getMessage() != null) {
                return Optional.of("a port is in use (" + HTTP_PORT_VARIABLE + " or " + ADMIN_PORT_VARIABLE + "): "
                        + failure.getMessage() + ". Stop the program listening there, or choose a free port.");
            }
        }
        if ((failure instanceof IllegalStateException || failure instanceof IllegalArgumentException)
                && failure.getMessage() != null && NAMES_A_SETTING.matcher(failure.getMessage()).find()
                && thrownByTheGateway(failure)) {
            return Optional.of(failure.getMessage());
        }
        return Optional.empty();
    }

    private static boolean thrownByTheGateway(Throwable failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.membergateway.");
    }

    /**
     * Prints {@code command: <the one line>} and returns true when {@code failure} is the operator's to
     * fix; false leaves it to Dropwizard's report (with the stack trace).
     */
    static boolean report(Cli cli, String command, Throwable failure) {
        Optional<String> message = operatorMessage(failure);
        message.ifPresent(line -> cli.getStdErr().println(command + ": " + line));
        return message.isPresent();
    }
}
