package org.membergateway.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Requesters;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.auth.Usernames;
import org.membergateway.http.ErrorResponse;
import org.membergateway.http.PathIds;
import org.membergateway.http.QueryParameters;

/** People in the directory (README, HTTP API). */
@Path("/api/v1/people")
@Tag(name = "directory", description = "People, their roles and scopes, candidacies and campaigns")
@SecurityRequirement(name = "basic")
@Produces(MediaType.APPLICATION_JSON)
public class PeopleResource {

    private final DirectoryService directory;

    public PeopleResource(DirectoryService directory) {
        this.directory = directory;
    }

    @POST
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a person",
            description = "Roles: ADMIN, AUDITOR, STAFF, EXECUTIVE_DIRECTOR, DESIGNEE, STATEWIDE_PRESIDENT, "
                    + "STATEWIDE_OFFICER, DIRECTOR, LOCAL_PRESIDENT, LOCAL_OFFICER, COMMITTEE_CHAIR, STEWARD, MEMBER, ELECTION_COMMITTEE (authority roles wait for a second person's confirmation once a confirmer exists; DESIGNEE needs designation); locals, "
                    + "regions and employer groups must exist; memberId, if given, "
                    + "must be a member's id. The password (12-1024 characters) is stored only as an Argon2id hash. "
                    + "Role: ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewPerson.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Created",
                        content = @Content(schema = @Schema(implementation = PersonView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "409", description = "The username is taken",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
            })
    public Response create(@Context SecurityContext security, NewPerson person) {
        PersonView created = directory.createPerson(Requesters.from(security).actor(), person);
        return Response.created(UriBuilder.fromResource(PeopleResource.class).path(created.username()).build())
                .entity(created).build();
    }

    @GET
    @Path("/{username}")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "A person, their roles, scopes and candidacies", description = "Role: ADMIN, or the person themself.",
            responses = {
                @ApiResponse(responseCode = "200", description = "The person",
                        content = @Content(schema = @Schema(implementation = PersonView.class))),
                @ApiResponse(responseCode = "403", description = "Neither ADMIN nor this person"),
                @ApiResponse(responseCode = "404", description = "No such person (ADMIN only; others get 403)")
            })
    public PersonView get(@Context SecurityContext security, @PathParam("username") String username) {
        requireSelfOrAdmin(Requesters.from(security), username);
        return directory.person(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
    }

    @POST
    @Path("/{username}/candidacies")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a declared candidacy",
            description = "office: LOCAL_OFFICE (scopeType LOCAL), BOARD_SEAT (REGION, EMPLOYER_GROUP or STATEWIDE), "
                    + "STATEWIDE_OFFICE (STATEWIDE, scopeId ALL) or CAPE_POSITION (any). Role: ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(schema = @Schema(implementation = NewCandidacy.class))),
            responses = {
                @ApiResponse(responseCode = "201", description = "Recorded",
                        content = @Content(schema = @Schema(implementation = CandidacyView.class))),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such person"),
                @ApiResponse(responseCode = "409", description = "Already declared")
            })
    public Response addCandidacy(@Context SecurityContext security, @PathParam("username") String username,
                                 NewCandidacy candidacy) {
        CandidacyView created = directory.addCandidacy(Requesters.from(security).actor(), username, candidacy);
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "People, by username, a page at a time",
            description = "Each with roles: every role grant (id, role, from, until, status, inEffect), scopes, candidacies,"
                    + " disabled and locked. `after`: the last username of the previous page. Role: ADMIN.")
    public DirectoryService.PeoplePage list(@QueryParam("after") String after, @QueryParam("limit") String limit) {
        long size = QueryParameters.longValue("limit", limit, 1, DirectoryService.MAX_PAGE, 100L);
        return directory.people(after, (int) size);
    }

    @POST
    @Path("/{username}/roles")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Grant a role for a term",
            description = "Body {role, from?, until?, designation?}: dates (00:00 UTC) or instants, until exclusive."
                    + " An authority role (ADMIN, EXECUTIVE_DIRECTOR, DESIGNEE, STATEWIDE_PRESIDENT, LOCAL_PRESIDENT,"
                    + " DIRECTOR, ELECTION_COMMITTEE) starts PENDING_CONFIRMATION once anyone holds EXECUTIVE_DIRECTOR"
                    + " or STATEWIDE_PRESIDENT, and confers nothing until a second such person confirms it. DESIGNEE needs"
                    + " designation {purposes[], scopes[] (TYPE:id), until}. Singleton offices: 409. Role: ADMIN.",
            responses = {
                @ApiResponse(responseCode = "201", description = "{id, status: ACTIVE | PENDING_CONFIRMATION}"),
                @ApiResponse(responseCode = "400", description = "A field is wrong; `field` names it",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "404", description = "No such person"),
                @ApiResponse(responseCode = "409", description = "Already held, or a single office someone else holds")
            })
    public Response grantRole(@Context SecurityContext security, @PathParam("username") String username,
                              NewRoleGrant grant) {
        DirectoryService.GrantResult result = directory.grantRole(Requesters.from(security).actor(), username, grant);
        return Response.status(Response.Status.CREATED).entity(result).build();
    }

    @DELETE
    @Path("/{username}/roles/{role}")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "Revoke a role", description = "Every live grant of the role ends now; the person's sessions and"
            + " cached sign-ins end too. Role: ADMIN.",
            responses = {@ApiResponse(responseCode = "204", description = "Revoked"),
                @ApiResponse(responseCode = "404", description = "No such person, or no live grant of the role")})
    public Response revokeRole(@Context SecurityContext security, @PathParam("username") String username,
                               @PathParam("role") String role) {
        directory.revokeRole(Requesters.from(security).actor(), username, role);
        return Response.noContent().build();
    }

    @POST
    @Path("/{username}/disable")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "Disable a person", description = "No sign-in is accepted; sessions and cached sign-ins end"
            + " at once. Role: ADMIN.", responses = @ApiResponse(responseCode = "204", description = "Disabled"))
    public Response disable(@Context SecurityContext security, @PathParam("username") String username) {
        directory.setDisabled(Requesters.from(security).actor(), username, true);
        return Response.noContent().build();
    }

    @POST
    @Path("/{username}/enable")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "Enable a disabled person", description = "Role: ADMIN.",
            responses = @ApiResponse(responseCode = "204", description = "Enabled"))
    public Response enable(@Context SecurityContext security, @PathParam("username") String username) {
        directory.setDisabled(Requesters.from(security).actor(), username, false);
        return Response.noContent().build();
    }

    @POST
    @Path("/{username}/unlock")
    @RolesAllowed(RoleNames.ADMIN)
    @Operation(summary = "End a sign-in lockout", description = "Role: ADMIN.",
            responses = @ApiResponse(responseCode = "204", description = "Unlocked"))
    public Response unlock(@Context SecurityContext security, @PathParam("username") String username) {
        directory.unlock(Requesters.from(security).actor(), username);
        return Response.noContent().build();
    }

    /** The body of {@code POST /people/{username}/password}. */
    public record NewPassword(String password) {
        @Override
        public String toString() {
            return "NewPassword[REDACTED]";
        }
    }

    @POST
    @Path("/{username}/password")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password", description = "Body {password} (12-1024 characters). Sessions and cached"
            + " sign-ins end. Role: ADMIN.",
            responses = {@ApiResponse(responseCode = "204", description = "Set"),
                @ApiResponse(responseCode = "400", description = "Not an acceptable password",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))})
    public Response setPassword(@Context SecurityContext security, @PathParam("username") String username,
                                NewPassword body) {
        if (body == null) {
            throw DirectoryException.invalid("password", "required");
        }
        directory.setPassword(Requesters.from(security).actor(), username, body.password());
        return Response.noContent().build();
    }

    @DELETE
    @Path("/{username}/candidacies/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Operation(summary = "Withdraw a candidacy", description = "Kept on record, but no longer makes the person a"
            + " candidate in decisions. Role: ADMIN, or the person themself.",
            responses = {@ApiResponse(responseCode = "204", description = "Withdrawn"),
                @ApiResponse(responseCode = "403", description = "Neither ADMIN nor this person"),
                @ApiResponse(responseCode = "404", description = "No such candidacy of this person")})
    public Response withdrawCandidacy(@Context SecurityContext security, @PathParam("username") String username,
                                      @PathParam("id") String id) {
        Requester requester = Requesters.from(security);
        requireSelfOrAdmin(requester, username);
        long candidacy = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such candidacy"));
        directory.withdrawCandidacy(requester.actor(), username, candidacy);
        return Response.noContent().build();
    }

    @PUT
    @Path("/{username}/openpgp-key")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes({MediaType.TEXT_PLAIN, "application/pgp-keys"})
    @Operation(summary = "Set the person's OpenPGP public key",
            description = "Body: the ASCII-armored public key (gpg --armor --export), v4, with an encryption-capable "
                    + "key or subkey; stored with its fingerprint. Role: the person themself, or ADMIN.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = "application/pgp-keys")),
            responses = {
                @ApiResponse(responseCode = "204", description = "Stored"),
                @ApiResponse(responseCode = "400", description = "Not a usable public key",
                        content = @Content(schema = @Schema(implementation = ErrorResponse.class))),
                @ApiResponse(responseCode = "403", description = "Neither ADMIN nor this person")
            })
    public Response setOpenPgpKey(@Context SecurityContext security, @PathParam("username") String username,
                                  InputStream body) {
        Requester requester = Requesters.from(security);
        requireSelfOrAdmin(requester, username);
        directory.setOpenPgpKey(requester.actor(), username, readKey(body));
        return Response.noContent().build();
    }

    private static void requireSelfOrAdmin(Requester requester, String username) {
        boolean self = Usernames.normalize(username).map(u -> u.equals(requester.username())).orElse(false);
        if (!self && !requester.hasRole(Role.ADMIN)) {
            throw DirectoryException.forbidden("Only an ADMIN or the person themself may do this.");
        }
    }

    /** Reads at most the longest key accepted, so an endless body cannot fill the heap. */
    private static String readKey(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(OpenPgpPublicKey.MAX_ARMORED_LENGTH + 1);
            if (bytes.length > OpenPgpPublicKey.MAX_ARMORED_LENGTH) {
                throw DirectoryException.invalid("openpgpKey", "the key is longer than "
                        + OpenPgpPublicKey.MAX_ARMORED_LENGTH + " bytes");
            }
            return StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw DirectoryException.invalid("openpgpKey", "an ASCII-armored key is plain ASCII");
        } catch (IOException e) {
            throw DirectoryException.invalid("openpgpKey", "the body could not be read");
        }
    }
}
