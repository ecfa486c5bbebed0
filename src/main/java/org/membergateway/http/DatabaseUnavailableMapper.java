package org.membergateway.http;

import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.sql.SQLException;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail closed, and say so: without the database the gateway answers nothing but 503. "Without the
 * database" is a connection that cannot be had, and also one the pool handed out that the server
 * has since dropped (it was stopped or restarted): SQLState class 08 or 57P. Every other database
 * error stays the generic 500 it was.
 */
public final class DatabaseUnavailableMapper implements ExceptionMapper<JdbiException> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);
    private final ExceptionMapper<JdbiException> otherwise = new LoggingExceptionMapper<>() {
    };

    @Override
    public Response toResponse(JdbiException e) {
        String lost = connectionLost(e);
        if (lost == null) {
            return otherwise.toResponse(e);
        }
        // The kind of failure only: a statement's message quotes its SQL and bound values.
        LOG.error("Database unavailable: {}", lost);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "30")
                .entity(ErrorResponse.of("UNAVAILABLE", "The membership database is not reachable; nothing was done."))
                .build();
    }

    /** What says the database is out of reach, or null if this is some other database error. */
    static String connectionLost(JdbiException e) {
        if (e instanceof ConnectionException) {
            return e.getMessage();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return null;
    }
}
