package org.membergateway.signin;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.AccessDeniedException;
import org.membergateway.http.AdminOnly;
import org.membergateway.http.Page;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, for every resource method when the application starts, who may call it; anything not
 * explicitly permitted is denied:
 *
 * <ul>
 * <li>{@code @PermitAll}: public, no credentials (the OpenAPI document, public keys, checkpoints);</li>
 * <li>{@code @RolesAllowed({...})}: authenticated, and holding one of the roles. Role names are
 *     {@link RoleNames}: a person's role, {@link RoleNames#PERSON} for any person,
 *     {@link RoleNames#VENDOR} for vendor API keys;</li>
 * <li>{@code @AdminOnly}: the same as {@code @RolesAllowed(ADMIN)};</li>
 * <li>{@code @DenyAll}, or none of these: authenticated, then refused (403), and logged at start.</li>
 * </ul>
 *
 * Method annotations win over class annotations. Object-level checks (ADMIN or self, scope) are
 * the resource's or service's to make on top.
 */
public final class AccessControlFeature implements DynamicFeature {

    private static final Logger LOG = LoggerFactory.getLogger(AccessControlFeature.class);

    private final GatewayAuthenticator authenticator;
    private final WebSessions sessions;

    /** @param sessions the page sessions that {@code @Page} resources are signed in with */
    public AccessControlFeature(GatewayAuthenticator authenticator, WebSessions sessions) {
        this.authenticator = authenticator;
        this.sessions = sessions;
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null || type == null) {
            return;
        }
        List<String> roles = access(method);
        if (roles == null) {
            roles = access(type);
        }
        if (roles == null) {
            // Jersey's own OPTIONS handlers are denied too, silently; our resources' methods are named.
            if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                LOG.warn("{}.{} has no @RolesAllowed, @PermitAll or @AdminOnly: it is denied to everyone",
                        type.getSimpleName(), method.getName());
            }
            roles = List.of();
        }
        if (roles == PUBLIC) {
            return;
        }
        if (type.isAnnotationPresent(Page.class)) {
            // Pages sign in with the session cookie only; the API never takes it.
            context.register(new SessionAuthenticationFilter(sessions), Priorities.AUTHENTICATION);
            context.register(new RoleFilter(roles), Priorities.AUTHORIZATION);
            return;
        }
        boolean vendors = roles.contains(RoleNames.VENDOR);
        boolean people = roles.isEmpty() || roles.stream().anyMatch(r -> !r.equals(RoleNames.VENDOR));
        context.register(new AuthenticationFilter(authenticator, people, vendors), Priorities.AUTHENTICATION);
        context.register(new RoleFilter(roles), Priorities.AUTHORIZATION);
    }

    private static final List<String> PUBLIC = List.of("<public>");

    /** PUBLIC, the roles allowed (empty = nobody), or null when the element says nothing. */
    private static List<String> access(AnnotatedElement element) {
        if (element.isAnnotationPresent(DenyAll.class)) {
            return List.of();
        }
        RolesAllowed allowed = element.getAnnotation(RolesAllowed.class);
        if (allowed != null) {
            return List.copyOf(Arrays.asList(allowed.value()));
        }
        if (element.isAnnotationPresent(AdminOnly.class)) {
            return List.of(RoleNames.ADMIN);
        }
        if (element.isAnnotationPresent(PermitAll.class)) {
            return PUBLIC;
        }
        return null;
    }

    /** 403 unless the authenticated requester holds one of the roles. */
    @Priority(Priorities.AUTHORIZATION)
    static final class RoleFilter implements ContainerRequestFilter {
        private final List<String> roles;

        RoleFilter(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public void filter(ContainerRequestContext request) {
            var security = request.getSecurityContext();
            if (security != null && security.getUserPrincipal() instanceof Requester) {
                for (String role : roles) {
                    if (security.isUserInRole(role)) {
                        return;
                    }
                }
            }
            throw new AccessDeniedException("FORBIDDEN", roles.isEmpty()
                    ? "This endpoint is not open to anyone."
                    : "This needs one of the roles " + roles + ".");
        }
    }
}
