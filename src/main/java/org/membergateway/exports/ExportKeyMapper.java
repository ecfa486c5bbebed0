package org.membergateway.exports;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** 409 RECIPIENT_KEY_UNUSABLE: the recipient's key cannot be used now (expired, revoked, no encryption subkey). */
public final class ExportKeyMapper implements ExceptionMapper<ExportKeyException> {

    @Override
    public Response toResponse(ExportKeyException e) {
        return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of("RECIPIENT_KEY_UNUSABLE", e.getMessage())).build();
    }
}
