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
import java.net.URI;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.RoleGrantView;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;

/**
 * {@code /role-grants}: grants of authority roles waiting for a second person, with confirm and
 * reject buttons for the confirmers (EXECUTIVE_DIRECTOR, STATEWIDE_PRESIDENT). The decision is the
 * API's ({@link DirectoryService#decideGrant}): the same checks, the same audit entry.
 */
@Path("/role-grants")
@Page
@Produces(MediaType.TEXT_HTML)
public final class RoleGrantPages {

    private final Pages pages;
    private final DirectoryService directory;

    public RoleGrantPages(Pages pages, DirectoryService directory) {
        this.pages = pages;
        this.directory = directory;
    }

    /** One pending grant, in the reader's words. */
    public record Row(long id, String username, String role, String term, String grantedBy) {
    }

    public static final class View extends PageView {
        private final List<Row> grants;
        private final String decided;

        View(PageContext page, List<Row> grants, String decided, List<FormError> errors) {
            super("role-grants.ftlh", page, page.messages().get("people.grants.title"), errors);
            this.grants = List.copyOf(grants);
            this.decided = decided;
        }

        public List<Row> getGrants() {
            return grants;
        }

        /** What was just decided, for the banner; null otherwise. */
        public String getDecided() {
            return decided;
        }
    }

    @GET
    @RolesAllowed({RoleNames.EXECUTIVE_DIRECTOR, RoleNames.STATEWIDE_PRESIDENT, RoleNames.ADMIN})
    public View list(@Context ContainerRequestContext request, @QueryParam("decided") String decided) {
        PageContext page = pages.context(request);
        String banner = decided == null ? null : switch (decided) {
            case "confirmed" -> page.messages().get("people.grants.confirmed");
            case "rejected" -> page.messages().get("people.grants.rejected");
            default -> null;
        };
        return view(page, banner, List.of());
    }

    @POST
    @Path("{id}")
    @RolesAllowed({RoleNames.EXECUTIVE_DIRECTOR, RoleNames.STATEWIDE_PRESIDENT})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @FormParam("confirm") String confirm, @FormParam("note") String note) {
        PageContext page = pages.context(request);
        long grant = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such role grant"));
        Boolean yes = "true".equals(confirm) ? Boolean.TRUE : "false".equals(confirm) ? Boolean.FALSE : null;
        try {
            directory.decideGrant(page.requester(), grant, yes, note);
        } catch (DirectoryException e) {
            if (e.status() == 404 || e.status() >= 500) {
                throw e;
            }
            String key = e.status() == 403 ? "people.grants.error.notYours" : e.status() == 409
                    ? "people.grants.error.conflict" : "people.grants.error.invalid";
            return Response.status(e.status()).entity(view(page, null, List.of(new PageView.FormError("grant-" + grant,
                    page.messages().get(key, e.getMessage()))))).build();
        }
        return Response.seeOther(URI.create("/role-grants?decided=" + (yes ? "confirmed" : "rejected"))).build();
    }

    private View view(PageContext page, String banner, List<PageView.FormError> errors) {
        Messages m = page.messages();
        List<Row> rows = directory.grants(null).stream().map(g -> row(m, g)).toList();
        return new View(page, rows, banner, errors);
    }

    private static Row row(Messages m, RoleGrantView g) {
        return new Row(g.id(), g.username(), m.get("people.label.role." + g.role().name()), PeoplePages.grant(m, g),
                g.grantedBy());
    }
}
