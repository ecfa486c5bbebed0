package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.AdminOnly;
import org.membergateway.http.ApiExceptionMapper;
import org.membergateway.testing.ApiClient;
import org.mockito.Mockito;

/** Deny by default: what each annotation (or none) lets through. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AccessControlFeatureTest {

    @Path("/probe")
    public static class Probe {
        @GET @Path("/open") @PermitAll
        public String open() {
            return "open";
        }

        @GET @Path("/undeclared")
        public String undeclared() {
            return "should never be reached";
        }

        @GET @Path("/denied") @DenyAll
        public String denied() {
            return "should never be reached";
        }

        @GET @Path("/admin") @AdminOnly
        public String admin() {
            return "admin";
        }

        @GET @Path("/staff") @RolesAllowed(RoleNames.STAFF)
        public String staff(@Context SecurityContext security) {
            return Requesters.from(security).username();
        }

        @GET @Path("/person") @RolesAllowed(RoleNames.PERSON)
        public String person() {
            return "person";
        }

        @GET @Path("/vendor") @RolesAllowed(RoleNames.VENDOR)
        public String vendor(@Context SecurityContext security) {
            return Requesters.from(security).actor();
        }
    }

    /** A class-level rule applies to methods without their own; a method's own wins. */
    @Path("/staff-area")
    @RolesAllowed(RoleNames.STAFF)
    public static class StaffArea {
        @GET @Path("/inherited")
        public String inherited() {
            return "staff";
        }

        @GET @Path("/public") @PermitAll
        public String open() {
            return "public";
        }
    }

    private static final GatewayAuthenticator AUTH = Mockito.mock(GatewayAuthenticator.class);
    private static final String STAFF = ApiClient.basic("staff1", "staff-password-1");
    private static final String MEMBER = ApiClient.basic("member1", "member-password-1");
    private static final String VENDOR_KEY = "mgw_" + "k".repeat(43);

    static {
        Mockito.when(AUTH.person(eq("staff1"), any(), any())).thenReturn(person("staff1", Role.STAFF));
        Mockito.when(AUTH.person(eq("member1"), any(), any())).thenReturn(person("member1", Role.MEMBER));
        Mockito.when(AUTH.vendor(eq(VENDOR_KEY), any())).thenReturn(Requester.vendor(9, "Mail house"));
    }

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new Probe())
            .addResource(new StaffArea())
            .addProvider(new AccessControlFeature(AUTH, Mockito.mock(WebSessions.class)))
            .addProvider(new ApiExceptionMapper())
            .build();

    private static Requester person(String username, Role role) {
        return Requester.person(username, username, Set.of(role), Set.of(), Set.of(), Set.of(), null);
    }

    private static int status(String path, String authorization) {
        var request = RESOURCES.target(path).request();
        if (authorization != null) {
            request = request.header("Authorization", authorization);
        }
        Response response = request.get();
        response.close();
        return response.getStatus();
    }

    @Test
    void permitAllIsPublic() {
        assertThat(status("/probe/open", null)).isEqualTo(200);
        assertThat(status("/staff-area/public", null)).isEqualTo(200);
    }

    @Test
    void anEndpointThatSaysNothingIsDeniedToEveryone() {
        assertThat(status("/probe/undeclared", null)).isEqualTo(401);
        assertThat(status("/probe/undeclared", STAFF)).isEqualTo(403);
        assertThat(status("/probe/denied", STAFF)).isEqualTo(403);
    }

    @Test
    void rolesAreChecked() {
        assertThat(status("/probe/staff", STAFF)).isEqualTo(200);
        assertThat(RESOURCES.target("/probe/staff").request().header("Authorization", STAFF).get(String.class))
                .isEqualTo("staff1");
        assertThat(status("/probe/staff", MEMBER)).isEqualTo(403);
        assertThat(status("/probe/admin", STAFF)).isEqualTo(403);
        assertThat(status("/probe/person", MEMBER)).isEqualTo(200);
        assertThat(status("/staff-area/inherited", STAFF)).isEqualTo(200);
        assertThat(status("/staff-area/inherited", MEMBER)).isEqualTo(403);
    }

    @Test
    void vendorsAndPeopleStayOnTheirOwnEndpoints() {
        assertThat(status("/probe/vendor", ApiClient.bearer(VENDOR_KEY))).isEqualTo(200);
        assertThat(status("/probe/vendor", STAFF)).isEqualTo(401);
        assertThat(status("/probe/person", ApiClient.bearer(VENDOR_KEY))).isEqualTo(401);
        assertThat(status("/probe/undeclared", ApiClient.bearer(VENDOR_KEY))).isEqualTo(401);
    }
}
