package org.membergateway.vendors;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** {@link VendorException} as its status with an {@link ErrorResponse}. */
public final class VendorExceptionMapper implements ExceptionMapper<VendorException> {
    @Override
    public Response toResponse(VendorException e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(e.error(), e.getMessage())).build();
    }
}
