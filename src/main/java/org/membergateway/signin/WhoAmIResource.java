package org.membergateway.signin;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;

/**
 * Who the credentials belong to: lets a client check its credentials (and shows what the policy
 * will see). {@code /api/v1/me} is for people (HTTP Basic), {@code /api/v1/vendor/me} for vendors
 * (Bearer API key), the first vendor endpoint; issue #8 adds {@code /api/v1/vendor/extracts}.
 */
@Path("/api/v1")
@Tag(name = "authentication")
// The two ways in, declared once for the whole OpenAPI document (docs/auth.md).
@SecurityScheme(name = "basic", type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "People: username and password")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "Vendors: the API key issued with the vendor's agreement")
@Produces(MediaType.APPLICATION_JSON)
public class WhoAmIResource {

    /** A signed-in person as they see themselves. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String username, String displayName, List<Role> roles, Set<String> locals, Set<String> regions,
                     Set<String> employerGroups, String memberId) {
    }

    /** A vendor as it sees itself. */
    public record VendorMe(long vendorId, String name) {
    }

    @GET
    @Path("/me")
    @RolesAllowed(RoleNames.PERSON)
    @SecurityRequirement(name = "basic")
    @Operation(summary = "The signed-in person: roles and scopes", description = "Any person (HTTP Basic).")
    public Me me(@Context SecurityContext security) {
        Requester r = Requesters.from(security);
        return new Me(r.username(), r.displayName(), r.roles().stream().sorted().toList(), new TreeSet<>(r.locals()),
                new TreeSet<>(r.regions()), new TreeSet<>(r.employerGroups()), r.memberId());
    }

    @GET
    @Path("/vendor/me")
    @RolesAllowed(RoleNames.VENDOR)
    @SecurityRequirement(name = "bearer")
    @Operation(summary = "The vendor the API key belongs to", description = "Vendors only (Authorization: Bearer <API key>).")
    public VendorMe vendor(@Context SecurityContext security) {
        Requester r = Requesters.from(security);
        return new VendorMe(r.vendorId(), r.displayName());
    }
}
