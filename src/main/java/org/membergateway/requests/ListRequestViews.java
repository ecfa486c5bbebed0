package org.membergateway.requests;

import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;

/**
 * The HTTP answers about list requests, for every resource that gives them (list requests and
 * vendor extracts): a request's view with its exports, read at the gateway's clock.
 */
public final class ListRequestViews {

    private final RequestExports exports;
    private final Clock clock;

    public ListRequestViews(RequestExports exports, Clock clock) {
        this.exports = exports;
        this.clock = clock;
    }

    public ListRequestView view(ListRequest request) {
        return ListRequestView.of(request, OffsetDateTime.now(clock), exports.of(request.id()));
    }

    /** A new request: 201 if approved, 202 if it waits for an approver; its address in {@code Location}. */
    public Response created(ListRequest request) {
        int status = request.status() == RequestStatus.APPROVED ? 201 : 202;
        return Response.status(status).location(URI.create("/api/v1/list-requests/" + request.id()))
                .entity(view(request)).build();
    }
}
