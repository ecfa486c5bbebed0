package org.membergateway.http;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/** Every {@link ApiException} as its status with the usual error body. */
public final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
        return response(e);
    }

    static Response response(ApiException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.ofField(e.error(), e.field(), e.getMessage()));
        e.retryAfterSeconds().ifPresent(seconds -> response.header("Retry-After", Integer.toString(seconds)));
        return response.build();
    }
}
