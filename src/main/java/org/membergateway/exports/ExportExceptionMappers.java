package org.membergateway.exports;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;
import org.membergateway.policy.DecisionView;
import org.membergateway.requests.ListRequestsResource;

/**
 * HTTP answers for the exports' exceptions that are not {@link org.membergateway.http.ApiException}s:
 * a denial carries the decision's reasons, and an unusable key comes from the crypto layer.
 */
public final class ExportExceptionMappers {

    private ExportExceptionMappers() {
    }

    public static Object[] all() {
        return new Object[] {new Denied(), new BadKey()};
    }

    static final class Denied implements ExceptionMapper<ExportService.ExportDeniedException> {
        @Override
        public Response toResponse(ExportService.ExportDeniedException e) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ListRequestsResource.DeniedView("DENIED",
                    DecisionView.reasons(e.decision().reasons()), e.decision().policyVersion(), e.auditSeq())).build();
        }
    }

    /** The recipient's registered key cannot be used (expired, revoked, no encryption subkey). */
    static final class BadKey implements ExceptionMapper<ExportKeyException> {
        @Override
        public Response toResponse(ExportKeyException e) {
            return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorResponse.of("RECIPIENT_KEY_UNUSABLE", e.getMessage())).build();
        }
    }
}
