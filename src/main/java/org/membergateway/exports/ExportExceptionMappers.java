package org.membergateway.exports;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.membergateway.http.ErrorResponse;
import org.membergateway.policy.DecisionView;
import org.membergateway.requests.ListRequestsResource;

/** HTTP answers for the exports' exceptions. */
public final class ExportExceptionMappers {

    private ExportExceptionMappers() {
    }

    public static Object[] all() {
        return new Object[] {new Denied(), new Gone(), new NotFound(), new BadKey(), new AgreementNotInForce()};
    }

    static final class Denied implements ExceptionMapper<ExportService.ExportDeniedException> {
        @Override
        public Response toResponse(ExportService.ExportDeniedException e) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE).entity(new ListRequestsResource.DeniedView("DENIED",
                    DecisionView.reasons(e.decision().reasons()), e.decision().policyVersion(), e.auditSeq())).build();
        }
    }

    static final class Gone implements ExceptionMapper<ExportService.ExportGoneException> {
        @Override
        public Response toResponse(ExportService.ExportGoneException e) {
            return Response.status(410).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponse.of("EXPORT_GONE", e.getMessage())).build();
        }
    }

    static final class NotFound implements ExceptionMapper<ExportService.ExportNotFoundException> {
        @Override
        public Response toResponse(ExportService.ExportNotFoundException e) {
            return Response.status(404).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorResponse.of("NOT_FOUND", e.getMessage())).build();
        }
    }

    static final class AgreementNotInForce implements ExceptionMapper<ExportService.AgreementNotInForceException> {
        @Override
        public Response toResponse(ExportService.AgreementNotInForceException e) {
            return Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorResponse.of("AGREEMENT_INVALID", e.getMessage() + " (confidentiality §3)")).build();
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
