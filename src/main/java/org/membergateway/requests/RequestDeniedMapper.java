package org.membergateway.requests;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** 403 with the decision's reasons, for list requests, vendor extracts and exports alike. */
public final class RequestDeniedMapper implements ExceptionMapper<RequestDeniedException> {

    @Override
    public Response toResponse(RequestDeniedException denied) {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(DeniedView.of(denied)).build();
    }
}
