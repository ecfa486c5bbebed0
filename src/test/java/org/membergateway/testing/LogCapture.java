package org.membergateway.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event the application writes from now on, as text (logger, message, MDC and the whole
 * stack trace with each cause's message), for tests that check what never reaches a log. Attach it
 * after the application has started: Dropwizard replaces the appenders when it configures logging.
 * Besides the root it listens on the non-additive loggers (the audit trail's JSON lines).
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final List<Logger> attachedTo = new ArrayList<>();

    public static LogCapture attach() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogCapture capture = new LogCapture();
        capture.setContext(context);
        capture.setName("test-log-capture");
        capture.start();
        for (Logger logger : context.getLoggerList()) {
            if (logger.getName().equals(Logger.ROOT_LOGGER_NAME) || !logger.isAdditive()) {
                logger.addAppender(capture);
                capture.attachedTo.add(logger);
            }
        }
        return capture;
    }

    @Override
    protected void append(ILoggingEvent event) {
        // AppenderBase.doAppend is synchronized: one event at a time.
        StringBuilder line = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            line.append(' ').append(event.getMDCPropertyMap());
        }
        if (event.getThrowableProxy() != null) {
            line.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        lines.add(line.toString());
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        attachedTo.forEach(logger -> logger.detachAppender(this));
        stop();
    }
}
