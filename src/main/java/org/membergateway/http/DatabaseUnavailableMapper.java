package org.membergateway.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fail closed, and say so: without the database the gateway answers nothing but 503. */
public final class DatabaseUnavailableMapper implements ExceptionMapper<ConnectionException> {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUnavailableMapper.class);

    @Override
    public Response toResponse(ConnectionException e) {
        LOG.error("Database unavailable: {}", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "30")
                .entity(ErrorResponse.of("UNAVAILABLE", "The membership database is not reachable; nothing was done."))
                .build();
    }
}
