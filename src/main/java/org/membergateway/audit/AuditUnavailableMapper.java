package org.membergateway.audit;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fail closed: an operation whose audit entry could not be committed was not performed, and the
 * client is told to come back (503, Retry-After). The cause stays in the server log.
 */
public final class AuditUnavailableMapper implements ExceptionMapper<AuditUnavailableException> {

    private static final Logger LOG = LoggerFactory.getLogger(AuditUnavailableMapper.class);

    @Override
    public Response toResponse(AuditUnavailableException e) {
        LOG.error("Refused a request: {}", e.getMessage());
        return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "10")
                .entity(ErrorResponse.of("AUDIT_UNAVAILABLE",
                        "The audit trail could not record this operation, so it was not performed; nothing was released."))
                .build();
    }
}
