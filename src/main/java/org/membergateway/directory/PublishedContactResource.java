package org.membergateway.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Requesters;
import org.membergateway.http.ErrorResponse;

/**
 * {@code /api/v1/people/{username}/published-contact}: the work email and phone a leader publishes
 * for their role, shown to members on {@code /leaders} (confidentiality §6). Self or ADMIN.
 */
@Path("/api/v1/people/{username}/published-contact")
@Tag(name = "directory", description = "People, their roles and scopes, candidacies and campaigns")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class PublishedContactResource {

    private final PublishedContacts contacts;

    public PublishedContactResource(PublishedContacts contacts) {
        this.contacts = contacts;
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "What the person publishes for their leadership role",
            description = "Role: the person themself, or ADMIN. Without a choice of their own, the work email of their"
                    + " linked member record (chosen: false) and no phone.",
            responses = {
                @ApiResponse(responseCode = "200", description = "{workEmail, phone, published, chosen}"),
                @ApiResponse(responseCode = "403", description = "Neither ADMIN nor this person")
            })
    public PublishedContactDao.Contact get(@Context SecurityContext security, @PathParam("username") String username) {
        return contacts.contact(Requesters.from(security), username);
    }

    @PUT
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a work email and phone for the person's leadership role",
            description = "Body {workEmail?, phone?, published?}: an email address (at most 254 characters) and a phone of"
                    + " 7 to 15 digits (+, spaces, dots, dashes and brackets allowed; at most 32 characters), each"
                    + " optional; published: false withdraws both. Never a personal mobile or home number unless the"
                    + " person types it here. Audited as a directory change without the values. Role: self or ADMIN.",
            responses = {
                @ApiResponse(responseCode = "200", description = "What members now see"),
                @ApiResponse(responseCode = "400", description = "Not an email address or phone number",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Neither ADMIN nor this person")
            })
    public PublishedContactDao.Contact put(@Context SecurityContext security, @PathParam("username") String username,
                                           PublishedContactBody body) {
        return contacts.publish(Requesters.from(security), username, body);
    }
}
