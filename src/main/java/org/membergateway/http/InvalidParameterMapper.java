package org.membergateway.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 400 with ErrorResponse {@code INVALID_PARAMETER}; {@code field} and the message name the parameter and what it accepts. */
public final class InvalidParameterMapper implements ExceptionMapper<InvalidParameterException> {

    @Override
    public Response toResponse(InvalidParameterException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.ofField("INVALID_PARAMETER", e.parameter(), e.getMessage()))
                .build();
    }
}
