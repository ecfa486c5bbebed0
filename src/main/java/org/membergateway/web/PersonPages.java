package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.CandidacyView;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.GrantStatus;
import org.membergateway.directory.NewDesignation;
import org.membergateway.directory.NewRoleGrant;
import org.membergateway.directory.PersonView;
import org.membergateway.directory.RoleGrantView;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;

/**
 * {@code /people/{username}}: one person for an administrator, with the forms that grant and
 * revoke roles, disable, enable and unlock the account, set a new password and withdraw a
 * candidacy. Every form calls the same {@link DirectoryService} method as the JSON API, so the
 * checks, the two-person rule and the audit entries are the API's; a refusal is shown on the page in
 * the service's words.
 *
 * <p>The path leaves out {@code /people/new}, which is {@link PeoplePages}' form.
 */
@Path("/people/{username: (?!new(?:/|$))[^/]+}")
@Page
@Produces(MediaType.TEXT_HTML)
public final class PersonPages {

    private final Pages pages;
    private final DirectoryService directory;

    public PersonPages(Pages pages, DirectoryService directory) {
        this.pages = pages;
        this.directory = directory;
    }

    /**
     * One role grant in the reader's words. {@code status} is the stored status, or SCHEDULED or
     * ENDED for an active grant outside its term; {@code revocable} whether revoking its role ends it.
     */
    public record GrantRow(long id, String role, String label, String status, String text, String grantedBy,
                           String designation, boolean revocable) {
    }

    /** One declared candidacy; {@code id} for its withdraw button. */
    public record CandidacyRow(long id, String text) {
    }

    /** One choice of a select. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** What the grant form had typed in, shown again after an error. */
    public record GrantForm(String role, String from, String until, String purposes, String scopes) {
        static final GrantForm EMPTY = new GrantForm("", "", "", "", "");
    }

    public static final class View extends PageView {
        private final PersonView person;
        private final List<GrantRow> grants;
        private final List<String> scopes;
        private final List<CandidacyRow> candidacies;
        private final List<Choice> roleChoices;
        private final GrantForm grant;
        private final String done;

        View(PageContext page, PersonView person, List<GrantRow> grants, List<String> scopes,
             List<CandidacyRow> candidacies, GrantForm grant, String done, List<FormError> errors) {
            super("people/person.ftlh", page, page.messages().get("person.title", person.displayName()), errors);
            this.person = person;
            this.grants = List.copyOf(grants);
            this.scopes = List.copyOf(scopes);
            this.candidacies = List.copyOf(candidacies);
            this.grant = grant;
            this.done = done;
            Messages m = page.messages();
            this.roleChoices = Arrays.stream(Role.values()).map(r -> new Choice(r.name(),
                    m.get("people.label.role." + r.name()), r.name().equals(grant.role()))).toList();
        }

        public String getUsername() {
            return person.username();
        }

        public String getMemberId() {
            return person.memberId();
        }

        public boolean isDisabled() {
            return person.disabled();
        }

        public boolean isLocked() {
            return person.locked();
        }

        public List<GrantRow> getGrants() {
            return grants;
        }

        public List<String> getScopes() {
            return scopes;
        }

        public List<CandidacyRow> getCandidacies() {
            return candidacies;
        }

        public List<Choice> getRoleChoices() {
            return roleChoices;
        }

        public GrantForm getGrant() {
            return grant;
        }

        /** What was just done, for the banner; null otherwise. */
        public String getDone() {
            return done;
        }
    }

    /** What each form did, as the banner after the redirect says it: {@code ?done=}. */
    enum Done {
        GRANTED, PENDING, REVOKED, DISABLED, ENABLED, UNLOCKED, PASSWORD, WITHDRAWN
    }

    @GET
    @RolesAllowed(RoleNames.ADMIN)
    public View show(@Context ContainerRequestContext request, @PathParam("username") String username,
                     @QueryParam("done") String done) {
        PageContext page = pages.context(request);
        String banner = Arrays.stream(Done.values()).filter(d -> d.name().equals(done)).findFirst()
                .map(d -> page.messages().get("person.done." + d.name())).orElse(null);
        return view(page, person(username), GrantForm.EMPTY, banner, List.of());
    }

    @POST
    @Path("roles")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response grant(@Context ContainerRequestContext request, @PathParam("username") String username,
                          @FormParam("role") String role, @FormParam("from") String from,
                          @FormParam("until") String until, @FormParam("purposes") String purposes,
                          @FormParam("scopes") String scopes) {
        PageContext page = pages.context(request);
        PersonView person = person(username);
        GrantForm typed = new GrantForm(orEmpty(role), orEmpty(from).strip(), orEmpty(until).strip(), orEmpty(purposes),
                orEmpty(scopes));
        // A designee's designation ends when the grant does: the form asks for one until, not two.
        NewDesignation designation = Role.DESIGNEE.name().equals(typed.role())
                ? new NewDesignation(PeoplePages.ids(typed.purposes()), PeoplePages.ids(typed.scopes()), blankToNull(typed.until()))
                : null;
        try {
            DirectoryService.GrantResult result = directory.grantRole(page.requester().actor(), person.username(),
                    new NewRoleGrant(typed.role(), blankToNull(typed.from()), blankToNull(typed.until()), designation));
            return done(person, result.status() == GrantStatus.ACTIVE ? Done.GRANTED : Done.PENDING);
        } catch (DirectoryException e) {
            return refused(page, person, typed, e, grantField(e.field()));
        }
    }

    @POST
    @Path("roles/{role}/revoke")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response revoke(@Context ContainerRequestContext request, @PathParam("username") String username,
                           @PathParam("role") String role) {
        PageContext page = pages.context(request);
        PersonView person = person(username);
        try {
            directory.revokeRole(page.requester().actor(), person.username(), role);
            return done(person, Done.REVOKED);
        } catch (DirectoryException e) {
            return refused(page, person, GrantForm.EMPTY, e, "revoke-" + Role.parse(role).map(Role::name).orElse("role"));
        }
    }

    @POST
    @Path("disable")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response disable(@Context ContainerRequestContext request, @PathParam("username") String username) {
        return account(request, username, Done.DISABLED);
    }

    @POST
    @Path("enable")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enable(@Context ContainerRequestContext request, @PathParam("username") String username) {
        return account(request, username, Done.ENABLED);
    }

    @POST
    @Path("unlock")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unlock(@Context ContainerRequestContext request, @PathParam("username") String username) {
        return account(request, username, Done.UNLOCKED);
    }

    @POST
    @Path("password")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response password(@Context ContainerRequestContext request, @PathParam("username") String username,
                             @FormParam("password") String password, @FormParam("passwordAgain") String again) {
        PageContext page = pages.context(request);
        PersonView person = person(username);
        if (password == null || !password.equals(again)) {
            // Checked here, not by the service: typing it twice is the form's own safeguard.
            return Response.status(400).entity(view(page, person, GrantForm.EMPTY, null, List.of(
                    new PageView.FormError("passwordAgain", page.messages().get("person.error.passwordsDiffer"))))).build();
        }
        try {
            directory.setPassword(page.requester().actor(), person.username(), password);
            return done(person, Done.PASSWORD);
        } catch (DirectoryException e) {
            return refused(page, person, GrantForm.EMPTY, e, "password");
        }
    }

    @POST
    @Path("candidacies/{id}/withdraw")
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response withdraw(@Context ContainerRequestContext request, @PathParam("username") String username,
                             @PathParam("id") String id) {
        PageContext page = pages.context(request);
        PersonView person = person(username);
        long candidacy = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such candidacy"));
        try {
            directory.withdrawCandidacy(page.requester().actor(), person.username(), candidacy);
            return done(person, Done.WITHDRAWN);
        } catch (DirectoryException e) {
            return refused(page, person, GrantForm.EMPTY, e, "withdraw-" + candidacy);
        }
    }

    private Response account(ContainerRequestContext request, String username, Done what) {
        PageContext page = pages.context(request);
        PersonView person = person(username);
        try {
            String actor = page.requester().actor();
            switch (what) {
                case DISABLED -> directory.setDisabled(actor, person.username(), true);
                case ENABLED -> directory.setDisabled(actor, person.username(), false);
                case UNLOCKED -> directory.unlock(actor, person.username());
                default -> throw new IllegalArgumentException(what.name());
            }
            return done(person, what);
        } catch (DirectoryException e) {
            return refused(page, person, GrantForm.EMPTY, e, what == Done.UNLOCKED ? "unlock"
                    : what == Done.DISABLED ? "disable" : "enable");
        }
    }

    /** Post, redirect, get: reloading the page does not post again. */
    private static Response done(PersonView person, Done what) {
        return Response.seeOther(UriBuilder.fromPath("/people/{u}").queryParam("done", what.name())
                .build(person.username())).build();
    }

    /**
     * The page again with the service's reason at the form that was refused. A server fault is not
     * a refusal: it goes to the error page, as anywhere else.
     */
    private Response refused(PageContext page, PersonView person, GrantForm typed, DirectoryException e, String field) {
        if (e.status() >= 500) {
            throw e;
        }
        String message = page.messages().get("person.error.refused", e.getMessage());
        return Response.status(e.status()).entity(view(page, person(person.username()), typed, null,
                List.of(new PageView.FormError(field, message)))).build();
    }

    private static final Set<String> GRANT_FIELDS = Set.of("role", "from", "until");

    /** The grant form's control a refusal points at; a designation's problems point at its boxes. */
    static String grantField(String field) {
        if (field == null) {
            return "role";
        }
        if (field.startsWith("designation.purposes")) {
            return "purposes";
        }
        if (field.startsWith("designation.scopes")) {
            return "scopes";
        }
        if (field.startsWith("designation")) {
            return "until";
        }
        return GRANT_FIELDS.contains(field) ? field : "role";
    }

    private PersonView person(String username) {
        return directory.person(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
    }

    private static View view(PageContext page, PersonView person, GrantForm typed, String banner,
                             List<PageView.FormError> errors) {
        Messages m = page.messages();
        List<GrantRow> grants = person.roles().stream().map(g -> grantRow(m, g)).toList();
        List<String> scopes = new ArrayList<>();
        if (!person.locals().isEmpty()) {
            scopes.add(m.get("people.scope.locals", String.join(", ", person.locals())));
        }
        if (!person.regions().isEmpty()) {
            scopes.add(m.get("people.scope.regions", String.join(", ", person.regions())));
        }
        if (!person.employerGroups().isEmpty()) {
            scopes.add(m.get("people.scope.employerGroups", String.join(", ", person.employerGroups())));
        }
        List<CandidacyRow> candidacies = person.candidacies().stream()
                .map(c -> new CandidacyRow(c.id(), candidacy(m, c))).toList();
        return new View(page, person, grants, scopes, candidacies, typed, banner, errors);
    }

    private static GrantRow grantRow(Messages m, RoleGrantView g) {
        String status = g.status() == GrantStatus.ACTIVE && !g.inEffect() ? (g.ended() ? "ENDED" : "SCHEDULED")
                : g.status().name();
        // Revoking the role ends its live grants: pending, in effect or yet to start, never one already over.
        boolean revocable = (g.status() == GrantStatus.PENDING_CONFIRMATION || g.status() == GrantStatus.ACTIVE)
                && !g.ended();
        String designation = g.designation() == null ? null : m.get("person.designation",
                String.join(", ", g.designation().purposes()), String.join(", ", g.designation().scopes()));
        return new GrantRow(g.id(), g.role().name(), m.get("people.label.role." + g.role().name()), status,
                PeoplePages.grant(m, g), g.grantedBy(), designation, revocable);
    }

    private static String candidacy(Messages m, CandidacyView c) {
        String office = m.has("people.office." + c.office()) ? m.get("people.office." + c.office()) : c.office();
        String scope = "STATEWIDE".equals(c.scopeType()) ? m.get("people.scope.statewide")
                : m.get("people.scopeType." + c.scopeType(), c.scopeId());
        return m.get("people.candidacy", office, scope, c.electionId());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
