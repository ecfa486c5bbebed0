package org.membergateway.directory;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** 400 naming the field, 404, or 409, with the usual error body. */
public final class DirectoryExceptionMapper implements ExceptionMapper<DirectoryException> {

    @Override
    public Response toResponse(DirectoryException e) {
        return Response.status(e.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.ofField(e.error(), e.field(), e.getMessage()))
                .build();
    }
}
