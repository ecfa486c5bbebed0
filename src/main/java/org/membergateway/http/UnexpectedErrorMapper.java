package org.membergateway.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.concurrent.ThreadLocalRandom;
import org.glassfish.jersey.server.internal.LocalizationMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whatever no other mapper answers, in the one error body. It replaces Dropwizard's default
 * mappers (switched off in {@code GatewayApplication}), which answer in another shape:
 * a client that went away mid-body is a quiet 400, a form posted with another content type a
 * 415, anything else a 500 whose message carries only an id to find the logged exception by,
 * never the exception's text.
 */
public final class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorMapper.class);

    @Override
    public Response toResponse(Throwable e) {
        if (clientWentAway(e)) {
            LOG.debug("Request body ended early");
            return answer(400, ErrorResponse.of("BAD_REQUEST", "The request body ended before its declared length."));
        }
        if (e instanceof IllegalStateException && LocalizationMessages.FORM_PARAM_CONTENT_TYPE_ERROR().equals(e.getMessage())) {
            return answer(415, ErrorResponse.of("UNSUPPORTED_MEDIA_TYPE",
                    "A form must be sent with Content-Type: application/x-www-form-urlencoded."));
        }
        String id = String.format("%016x", ThreadLocalRandom.current().nextLong());
        LOG.error("Unexpected error {}", id, e);
        return answer(500, ErrorResponse.of("INTERNAL_ERROR", "The gateway failed to answer this request; its log "
                + "has the details under error id " + id + "."));
    }

    private static boolean clientWentAway(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.eclipse.jetty.io.EofException) {
                return true;
            }
        }
        return false;
    }

    private static Response answer(int status, ErrorResponse body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
