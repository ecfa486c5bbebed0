package org.membergateway.requests;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** {@link ListRequestException} as its status with an {@link ErrorResponse}. */
public final class ListRequestExceptionMapper implements ExceptionMapper<ListRequestException> {
    @Override
    public Response toResponse(ListRequestException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(e.error(), e.getMessage())).build();
    }
}
