package org.membergateway.members;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;

/** A bad members file is the client's to fix: 400 naming line and column, nothing imported. */
public final class ImportExceptionMapper implements ExceptionMapper<ImportException> {

    @Override
    public Response toResponse(ImportException e) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse("INVALID_CSV", e.getMessage() + "; nothing was imported",
                        e.line() > 0 ? e.line() : null, e.column(), null))
                .build();
    }
}
