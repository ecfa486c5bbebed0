package org.membergateway;

import ch.qos.logback.classic.Level;
import io.dropwizard.servlets.tasks.LogConfigurationTask;
import io.dropwizard.servlets.tasks.Task;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.membergateway.audit.AuditLogSink;

/**
 * Replaces Dropwizard's admin task {@code POST /tasks/log-level} (README, Configuration), which
 * would let anyone who reaches the admin port (it has no authentication) set any logger to any
 * level: DEBUG on Jetty or Jersey writes request headers, {@code Authorization} included, into the
 * log; OFF on the audit trail's logger silences the copy operators ship to their SIEM. This one
 * only ever makes logging quieter and never touches the audit copy:
 *
 * <ul>
 * <li>{@code level} is INFO, WARN, ERROR or OFF, or left out to go back to the configured parent's;</li>
 * <li>{@code logger} is never {@value AuditLogSink#LOGGER} nor one of its ancestors (ROOT included);</li>
 * <li>anything else refuses the whole request (the servlet answers 500 and changes nothing).</li>
 * </ul>
 */
final class RestrictedLogLevelTask extends Task {

    static final String NAME = "log-level";
    private static final Set<Level> ALLOWED = Set.of(Level.INFO, Level.WARN, Level.ERROR, Level.OFF);
    private static final Pattern LOGGER_NAME = Pattern.compile("[A-Za-z0-9_$.-]{1,200}");

    private final LogConfigurationTask delegate = new LogConfigurationTask();

    RestrictedLogLevelTask() {
        super(NAME);
    }

    @Override
    public void execute(Map<String, List<String>> parameters, PrintWriter output) throws Exception {
        List<String> loggers = parameters.getOrDefault("logger", List.of());
        if (loggers.isEmpty()) {
            throw new IllegalArgumentException("name a logger: ?logger=NAME&level=WARN");
        }
        for (String logger : loggers) {
            if (logger == null || !LOGGER_NAME.matcher(logger).matches()) {
                throw new IllegalArgumentException("not a logger name");
            }
            if (protectedLogger(logger)) {
                throw new IllegalArgumentException("the level of " + logger + " cannot be changed here: it would change"
                        + " the audit trail's log copy (" + AuditLogSink.LOGGER + ")");
            }
        }
        for (String level : parameters.getOrDefault("level", List.of())) {
            // Logback reads an unknown name as DEBUG: compare names, not the parsed level.
            String name = level == null ? "" : level.strip().toUpperCase(Locale.ROOT);
            if (ALLOWED.stream().noneMatch(allowed -> allowed.levelStr.equals(name))) {
                throw new IllegalArgumentException("level must be one of INFO, WARN, ERROR or OFF (or left out):"
                        + " more detail than INFO can write request headers and credentials into the log");
            }
        }
        delegate.execute(parameters, output);
    }

    /** The audit trail's logger and every logger above it (a change there could reach it). */
    static boolean protectedLogger(String logger) {
        String audit = AuditLogSink.LOGGER;
        return logger.equalsIgnoreCase(org.slf4j.Logger.ROOT_LOGGER_NAME) || logger.equals(audit)
                || audit.startsWith(logger + ".");
    }
}
