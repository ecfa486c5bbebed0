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
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.CampaignService;
import org.membergateway.directory.CampaignView;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.NewCampaign;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;
import org.membergateway.policy.Approver;
import org.membergateway.policy.CampaignKind;
import org.membergateway.policy.CampaignStatus;
import org.membergateway.policy.ScopeType;

/**
 * {@code /campaigns}: the campaigns and projects requests can be made under, newest first, with an
 * End button for whoever may end one, and {@code /campaigns/new}, the form that creates one. Both
 * go through {@link CampaignService} exactly as {@code POST /api/v1/campaigns} and {@code POST
 * /api/v1/campaigns/{id}/end} do: the same checks (maximum length, targets, approval) and the same
 * audit entries. Campaigns hold no member data, so any signed-in person may see the list.
 */
@Path("/campaigns")
@Page
@Produces(MediaType.TEXT_HTML)
public final class CampaignPages {

    /** Campaigns on the list. */
    public static final int PAGE_SIZE = 100;

    /** Who may create a campaign: the same roles as {@code POST /api/v1/campaigns}. */
    static final Set<Role> CREATORS = Set.of(Role.ADMIN, Role.STAFF, Role.EXECUTIVE_DIRECTOR);

    private final Pages pages;
    private final CampaignService campaigns;

    public CampaignPages(Pages pages, CampaignService campaigns) {
        this.pages = pages;
        this.campaigns = campaigns;
    }

    /** One campaign in the reader's words; {@code status} is the stored one, for tests and styles. */
    public record Row(long id, String name, String kind, String scope, String dates, String status, String statusText,
                      String owner, String targets, boolean mayEnd) {
    }

    /** One choice of a select. */
    public record Choice(String value, String label, boolean selected) {
    }

    public static final class Listing extends PageView {
        private final List<Row> campaigns;
        private final boolean mayCreate;
        private final String banner;

        Listing(PageContext page, List<Row> campaigns, boolean mayCreate, String banner, List<FormError> errors) {
            super("campaigns/index.ftlh", page, page.messages().get("campaigns.title"), errors);
            this.campaigns = List.copyOf(campaigns);
            this.mayCreate = mayCreate;
            this.banner = banner;
        }

        public List<Row> getCampaigns() {
            return campaigns;
        }

        public boolean isMayCreate() {
            return mayCreate;
        }

        /** What was just created or ended, with its status and who approves it; null otherwise. */
        public String getBanner() {
            return banner;
        }
    }

    /** What the form had, shown again after an error. Lists are as typed. */
    public record Typed(String name, String kind, String scopeType, String scopeId, String startsOn, String endsOn,
                        String owner, String classifications, String worksites) {
        static final Typed EMPTY = new Typed("", "", "", "", "", "", "", "", "");
    }

    public static final class Form extends PageView {
        private final Typed typed;
        private final List<Choice> kinds;
        private final List<Choice> scopeTypes;

        Form(PageContext page, Typed typed, List<FormError> errors) {
            super("campaigns/new.ftlh", page, page.messages().get("campaigns.new.title"), errors);
            this.typed = typed;
            Messages m = page.messages();
            this.kinds = Arrays.stream(CampaignKind.values()).map(k -> new Choice(k.name(),
                    m.get("campaigns.kind." + k.name()), k.name().equals(typed.kind()))).toList();
            this.scopeTypes = Arrays.stream(ScopeType.values()).map(s -> new Choice(s.name(),
                    m.get("campaigns.scopeType." + s.name()), s.name().equals(typed.scopeType()))).toList();
        }

        public Typed getTyped() {
            return typed;
        }

        public List<Choice> getKinds() {
            return kinds;
        }

        public List<Choice> getScopeTypes() {
            return scopeTypes;
        }
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public Listing list(@Context ContainerRequestContext request, @QueryParam("created") String created,
                        @QueryParam("ended") String ended) {
        PageContext page = pages.context(request);
        String banner = null;
        if (created != null) {
            banner = PathIds.positive(created).flatMap(campaigns::campaign).map(c -> createdBanner(page.messages(), c))
                    .orElse(null);
        } else if (ended != null) {
            banner = PathIds.positive(ended).flatMap(campaigns::campaign)
                    .map(c -> page.messages().get("campaigns.ended", c.name())).orElse(null);
        }
        return listing(page, banner, List.of());
    }

    @GET
    @Path("new")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF, RoleNames.EXECUTIVE_DIRECTOR})
    public Form form(@Context ContainerRequestContext request) {
        return new Form(pages.context(request), Typed.EMPTY, List.of());
    }

    @POST
    @Path("new")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.STAFF, RoleNames.EXECUTIVE_DIRECTOR})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context ContainerRequestContext request, @FormParam("name") String name,
                           @FormParam("kind") String kind, @FormParam("scopeType") String scopeType,
                           @FormParam("scopeId") String scopeId, @FormParam("startsOn") String startsOn,
                           @FormParam("endsOn") String endsOn, @FormParam("ownerUsername") String owner,
                           @FormParam("classifications") String classifications,
                           @FormParam("worksites") String worksites) {
        PageContext page = pages.context(request);
        Typed typed = new Typed(orEmpty(name), orEmpty(kind), orEmpty(scopeType), orEmpty(scopeId).strip(),
                orEmpty(startsOn).strip(), orEmpty(endsOn).strip(), orEmpty(owner).strip(), orEmpty(classifications),
                orEmpty(worksites));
        NewCampaign campaign = new NewCampaign(typed.name(), typed.kind(), typed.scopeType(), typed.scopeId(),
                typed.startsOn(), typed.endsOn(), typed.owner().isEmpty() ? null : typed.owner(),
                new NewCampaign.Targets(lines(typed.classifications()), lines(typed.worksites()), null));
        try {
            CampaignView created = campaigns.create(page.requester(), campaign);
            return Response.seeOther(UriBuilder.fromPath("/campaigns").queryParam("created", created.id()).build())
                    .build();
        } catch (DirectoryException e) {
            if (e.status() >= 500) {
                throw e;
            }
            String field = field(e.field());
            return Response.status(e.status()).entity(new Form(page, typed, List.of(new PageView.FormError(field,
                    page.messages().get("campaigns.error.refused", e.getMessage()))))).build();
        }
    }

    @POST
    @Path("{id}/end")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response end(@Context ContainerRequestContext request, @PathParam("id") String id) {
        PageContext page = pages.context(request);
        long campaign = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
        try {
            campaigns.end(page.requester(), campaign);
        } catch (DirectoryException e) {
            if (e.status() == 404 || e.status() >= 500) {
                throw e;
            }
            return Response.status(e.status()).entity(listing(page, null, List.of(new PageView.FormError(
                    "end-" + campaign, page.messages().get("campaigns.error.refused", e.getMessage()))))).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/campaigns").queryParam("ended", campaign).build()).build();
    }

    private Listing listing(PageContext page, String banner, List<PageView.FormError> errors) {
        Requester me = page.requester();
        Messages m = page.messages();
        List<Row> rows = campaigns.recent(PAGE_SIZE).stream().map(c -> row(m, me, c)).toList();
        return new Listing(page, rows, CREATORS.stream().anyMatch(me::hasRole), banner, errors);
    }

    private Row row(Messages m, Requester me, CampaignView c) {
        boolean open = CampaignStatus.ACTIVE.name().equals(c.status())
                || CampaignStatus.PENDING_APPROVAL.name().equals(c.status());
        String targets = String.join("; ", java.util.stream.Stream.of(
                c.targets().classifications().isEmpty() ? null
                        : m.get("campaigns.targets.classifications", String.join(", ", c.targets().classifications())),
                c.targets().worksites().isEmpty() ? null
                        : m.get("campaigns.targets.worksites", String.join(", ", c.targets().worksites())))
                .filter(java.util.Objects::nonNull).toList());
        return new Row(c.id(), c.name(), m.get("campaigns.kind." + c.kind()), scope(m, c.scopeType(), c.scopeId()),
                m.get("campaigns.dates", c.startsOn().toString(), c.endsOn().toString()), c.status(),
                m.get("campaigns.status." + c.status()), c.owner(), targets.isEmpty() ? m.get("people.none") : targets,
                open && campaigns.mayEnd(me, c));
    }

    /** "… is waiting for approval by the local president of local L083 or the executive director." */
    private String createdBanner(Messages m, CampaignView c) {
        if (!CampaignStatus.PENDING_APPROVAL.name().equals(c.status())) {
            return m.get("campaigns.created.active", c.name());
        }
        List<String> who = campaigns.approvers(c).stream().map(a -> approver(m, a)).toList();
        String any = who.size() <= 1 ? String.join("", who)
                : m.get("campaigns.or", String.join(", ", who.subList(0, who.size() - 1)), who.get(who.size() - 1));
        return m.get("campaigns.created.pending", c.name(), any);
    }

    private static String approver(Messages m, Approver a) {
        String role = m.get("people.label.role." + a.role().name());
        return a.scopeType() == ScopeType.STATEWIDE ? role
                : m.get("campaigns.approverOf", role, scope(m, a.scopeType().name(), a.scopeId()));
    }

    private static String scope(Messages m, String scopeType, String scopeId) {
        return "STATEWIDE".equals(scopeType) ? m.get("people.scope.statewide")
                : m.get("people.scopeType." + scopeType, scopeId);
    }

    private static final Set<String> FIELDS = Set.of("name", "kind", "scopeType", "scopeId", "startsOn", "endsOn",
            "ownerUsername");

    /** The control a refusal points at: {@code targets.worksites[2]} is the worksites box. */
    static String field(String field) {
        if (field == null) {
            return "name";
        }
        if (field.startsWith("targets.classifications")) {
            return "classifications";
        }
        if (field.startsWith("targets.worksites")) {
            return "worksites";
        }
        return FIELDS.contains(field) ? field : "name";
    }

    /**
     * Values typed one a line or separated by commas; a classification may hold spaces ("Office
     * Assistant 2"), so spaces do not separate.
     */
    static List<String> lines(String typed) {
        if (typed == null || typed.isBlank()) {
            return List.of();
        }
        return Arrays.stream(typed.split("[,\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
