package org.membergateway.acknowledgements;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** 400 naming the field, 403 or 404, with the usual error body. */
public final class AcknowledgementExceptionMapper implements ExceptionMapper<AcknowledgementException> {

    @Override
    public Response toResponse(AcknowledgementException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.ofField(e.error(), e.field(), e.getMessage()))
                .build();
    }
}
