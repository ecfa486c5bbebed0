package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.membergateway.auth.Usernames;
import org.membergateway.directory.CandidacyView;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.GrantStatus;
import org.membergateway.directory.RoleGrantView;
import org.membergateway.directory.NewPerson;
import org.membergateway.directory.PersonView;
import org.membergateway.http.Page;

/**
 * {@code /people}: the administrators' view of the directory (people, their roles, scopes and
 * declared candidacies), a page at a time, and the form that creates a person through
 * {@link DirectoryService#createPerson}, with the API's validation and audit.
 */
@Path("/people")
@Page
@Produces(MediaType.TEXT_HTML)
public final class PeoplePages {

    /** People on one page of the list. */
    public static final int PAGE_SIZE = 200;

    private final Pages pages;
    private final DirectoryService directory;

    public PeoplePages(Pages pages, DirectoryService directory) {
        this.pages = pages;
        this.directory = directory;
    }

    /** One person as a row of the table, in the reader's words. */
    public record PersonRow(String username, String displayName, List<String> roles, List<String> scopes,
                            List<String> candidacies, String memberId) {
    }

    /** One checkbox. */
    public record Option(String value, String label, boolean checked) {
    }

    public static final class Listing extends PageView {
        private final List<PersonRow> people;
        private final long total;
        private final String next;
        private final boolean first;
        private final String created;

        Listing(PageContext page, List<PersonRow> people, long total, String next, boolean first, String created) {
            super("people/index.ftlh", page, page.messages().get("people.title"));
            this.people = List.copyOf(people);
            this.total = total;
            this.next = next;
            this.first = first;
            this.created = created;
        }

        public List<PersonRow> getPeople() {
            return people;
        }

        public long getTotal() {
            return total;
        }

        /** The next page's link, or null on the last. */
        public String getNext() {
            return next;
        }

        public boolean isFirst() {
            return first;
        }

        /** The username just created, for the banner; null otherwise. */
        public String getCreated() {
            return created;
        }
    }

    /** The new person form; what was typed comes back after an error, except the password. */
    public static final class NewPersonForm extends PageView {
        private final NewPerson values;
        private final List<Option> roles;

        NewPersonForm(PageContext page, List<FormError> errors, NewPerson values) {
            super("people/new.ftlh", page, page.messages().get("people.new.title"), errors);
            this.values = values;
            this.roles = Arrays.stream(Role.values()).map(r -> new Option(r.name(),
                    page.messages().get("people.label.role." + r.name()), values.roles().contains(r.name()))).toList();
        }

        public String getUsername() {
            return values.username();
        }

        public String getDisplayName() {
            return values.displayName();
        }

        public List<Option> getRoleOptions() {
            return roles;
        }

        public String getLocals() {
            return String.join(", ", values.locals());
        }

        public String getRegions() {
            return String.join(", ", values.regions());
        }

        public String getEmployerGroups() {
            return String.join(", ", values.employerGroups());
        }

        public String getMemberId() {
            return values.memberId();
        }
    }

    @GET
    @RolesAllowed(RoleNames.ADMIN)
    public Listing list(@Context ContainerRequestContext request, @QueryParam("after") String after,
                        @QueryParam("created") String created) {
        PageContext page = pages.context(request);
        DirectoryService.PeoplePage found = directory.people(after, PAGE_SIZE);
        List<PersonRow> rows = found.people().stream().map(p -> row(page, p)).toList();
        String next = found.nextAfter() == null ? null
                : UriBuilder.fromPath("/people").queryParam("after", found.nextAfter()).build().toString();
        return new Listing(page, rows, found.total(), next, after == null || after.isEmpty(),
                Usernames.normalize(created).orElse(null));
    }

    @GET
    @Path("new")
    @RolesAllowed(RoleNames.ADMIN)
    public NewPersonForm form(@Context ContainerRequestContext request) {
        return new NewPersonForm(pages.context(request), List.of(),
                new NewPerson("", "", null, List.of(), List.of(), List.of(), List.of(), ""));
    }

    @POST
    @RolesAllowed(RoleNames.ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context ContainerRequestContext request, @FormParam("username") String username,
                           @FormParam("displayName") String displayName, @FormParam("password") String password,
                           @FormParam("roles") List<String> roles, @FormParam("locals") String locals,
                           @FormParam("regions") String regions, @FormParam("employerGroups") String employerGroups,
                           @FormParam("memberId") String memberId) {
        PageContext page = pages.context(request);
        NewPerson person = new NewPerson(orEmpty(username).strip(), orEmpty(displayName), password,
                roles == null ? List.of() : List.copyOf(roles), ids(locals), ids(regions), ids(employerGroups),
                orEmpty(memberId).strip());
        try {
            PersonView created = directory.createPerson(page.requester().actor(), person);
            return Response.seeOther(UriBuilder.fromPath("/people").queryParam("created", created.username()).build())
                    .build();
        } catch (DirectoryException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            String field = field(e.field());
            String key = e.status() == 409 && "username".equals(field) ? "people.new.error.usernameTaken"
                    : "people.new.error." + field;
            NewPerson again = new NewPerson(person.username(), person.displayName(), null, person.roles(), person.locals(),
                    person.regions(), person.employerGroups(), person.memberId());
            return Response.status(e.status()).entity(new NewPersonForm(page,
                    List.of(new PageView.FormError(field, page.messages().get(key))), again)).build();
        }
    }

    private static final Set<String> FIELDS = Set.of("username", "displayName", "password", "roles", "locals", "regions",
            "employerGroups", "memberId");

    /** {@code roles[1]} is the roles field; anything not a field of the form is put at the username. */
    static String field(String field) {
        String base = field == null ? "" : field.replaceAll("\\[\\d+]$", "");
        return FIELDS.contains(base) ? base : "username";
    }

    /** Ids typed in one box, separated by commas or spaces. */
    static List<String> ids(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    private static PersonRow row(PageContext page, PersonView person) {
        Messages m = page.messages();
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
        List<String> candidacies = person.candidacies().stream().map(c -> candidacy(m, c)).toList();
        // Every grant with its term and status: what confers a role now, what waits, what ended.
        List<String> roles = person.roles().stream().map(g -> grant(m, g)).toList();
        if (person.disabled()) {
            roles = new ArrayList<>(roles);
            roles.add(0, m.get("people.disabled"));
        }
        return new PersonRow(person.username(), person.displayName(), roles, scopes, candidacies, person.memberId());
    }

    /** "Steward: active, from 2026-12-01 without end" in the reader's words; dates are UTC days. */
    static String grant(Messages m, RoleGrantView g) {
        String status;
        if (g.status() == GrantStatus.ACTIVE && !g.inEffect()) {
            status = g.ended() ? "ENDED" : "SCHEDULED";
        } else {
            status = g.status().name();
        }
        String label = m.get("people.label.role." + g.role().name());
        String from = g.from().toLocalDate().toString();
        return g.until() == null ? m.get("people.grant.open", label, m.get("people.grant.status." + status), from)
                : m.get("people.grant.term", label, m.get("people.grant.status." + status), from,
                        g.until().toLocalDate().toString());
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
}
