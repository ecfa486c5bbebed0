package org.membergateway.testing;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Map;
import org.membergateway.auth.Requester;
import org.membergateway.signin.RequesterSecurityContext;

/**
 * For resource tests: makes the request's caller the {@link Requester} named by its
 * {@code X-Test-Caller} header, as the authentication filter would after checking credentials.
 * Resource tests check the HTTP mapping; authentication has its own tests.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class TestCaller implements ContainerRequestFilter {

    public static final String HEADER = "X-Test-Caller";
    private final Map<String, Requester> callers;

    public TestCaller(Map<String, Requester> callers) {
        this.callers = Map.copyOf(callers);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Requester caller = callers.get(request.getHeaderString(HEADER));
        if (caller == null) {
            return;
        }
        request.setSecurityContext(new RequesterSecurityContext(caller, false));
    }
}
