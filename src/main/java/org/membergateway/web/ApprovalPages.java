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
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Requester;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.CampaignDecisionBody;
import org.membergateway.directory.CampaignService;
import org.membergateway.directory.CampaignView;
import org.membergateway.directory.DirectoryException;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;
import org.membergateway.requests.ApprovalBody;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestException;
import org.membergateway.requests.ListRequestService;

/**
 * {@code /approvals} (README, Pages): the pending requests in the person's scope that they may
 * decide, and the decision itself: a note and a button {@code approve=true} or {@code false}. Who
 * may decide is the service's to say ({@code ListRequestAccess}), as for the API: never the
 * requester, only an approver the decision named.
 */
@Path("/approvals")
@Page
@Produces(MediaType.TEXT_HTML)
public final class ApprovalPages {

    private final Pages pages;
    private final ListRequestService requests;
    private final CampaignService campaigns;
    private final Clock clock;

    public ApprovalPages(Pages pages, ListRequestService requests, CampaignService campaigns, Clock clock) {
        this.pages = pages;
        this.requests = requests;
        this.campaigns = campaigns;
        this.clock = clock;
    }

    /** @param decided the request just decided, to say where it stands now (only if the reader may see it) */
    @GET
    @RolesAllowed(RoleNames.PERSON)
    public ApprovalsPage list(@Context ContainerRequestContext request, @QueryParam("decided") String decided,
                              @QueryParam("decidedCampaign") String decidedCampaign) {
        PageContext page = pages.context(request);
        ListRequest just = null;
        if (decided != null) {
            just = PathIds.positive(decided).flatMap(id -> visible(page.requester(), id)).orElse(null);
        }
        // Campaigns hold no member data: any signed-in person may read one (as GET /api/v1/campaigns/{id}).
        CampaignView campaign = decidedCampaign == null ? null
                : PathIds.positive(decidedCampaign).flatMap(campaigns::campaign).orElse(null);
        return page(page, just, List.of(), 0, null, campaign);
    }

    /**
     * A campaign's approval (policies/campaigns.yml): the same rules as
     * {@code POST /api/v1/campaigns/{id}/approval}; a refusal is the error page the API's answer maps to.
     */
    @POST
    @Path("campaigns/{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decideCampaign(@Context ContainerRequestContext request, @PathParam("id") String id,
                                   @FormParam("approve") String approve, @FormParam("note") String note) {
        PageContext page = pages.context(request);
        long campaignId = PathIds.positive(id).orElseThrow(() -> DirectoryException.notFound("no such campaign"));
        Boolean yes = "true".equals(approve) ? Boolean.TRUE : "false".equals(approve) ? Boolean.FALSE : null;
        campaigns.decide(page.requester(), campaignId, new CampaignDecisionBody(yes, note));
        return Response.seeOther(URI.create("/approvals?decidedCampaign=" + campaignId)).build();
    }

    /**
     * @param approve {@code true} or {@code false}, from the button pressed
     * @param from {@code request} when the form was on the request's own page, to go back there
     */
    @POST
    @Path("{id}")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @FormParam("approve") String approve, @FormParam("note") String note,
                           @FormParam("from") String from) {
        PageContext page = pages.context(request);
        long requestId = PathIds.positive(id).orElseThrow(ListRequestException::notFound);
        Boolean yes = "true".equals(approve) ? Boolean.TRUE : "false".equals(approve) ? Boolean.FALSE : null;
        String kept = note == null ? "" : note.length() > 2 * ListRequestService.MAX_NOTE
                ? note.substring(0, 2 * ListRequestService.MAX_NOTE) : note;
        try {
            requests.recordApproval(page.requester(), requestId, new ApprovalBody(yes, note));
        } catch (InvalidParameterException e) {
            boolean aboutNote = "note".equals(e.parameter());
            return Response.status(400).entity(page(page, null, List.of(new PageView.FormError(
                    (aboutNote ? "note-" : "approve-") + requestId,
                    page.messages().get(aboutNote ? "approvals.error.note" : "approvals.error.approve"))), requestId, kept))
                    .build();
        } catch (ListRequestException e) {
            if (!"CAMPAIGN_ENDED".equals(e.error()) && !"CAMPAIGN_NOT_ACTIVE".equals(e.error())) {
                throw e;
            }
            // The request stays pending: said at its form, which may still turn it down.
            return Response.status(e.status()).entity(page(page, null, List.of(new PageView.FormError("approve-" + requestId,
                    page.messages().get("approvals.error." + ("CAMPAIGN_ENDED".equals(e.error()) ? "campaignEnded"
                            : "campaignNotActive")))), requestId, kept)).build();
        }
        return Response.seeOther(URI.create("request".equals(from) ? "/requests/" + requestId
                : "/approvals?decided=" + requestId)).build();
    }

    private java.util.Optional<ListRequest> visible(Requester me, long id) {
        try {
            return java.util.Optional.of(requests.get(me, id));
        } catch (ListRequestException e) {
            return java.util.Optional.empty();
        }
    }

    private ApprovalsPage page(PageContext page, ListRequest decided, List<PageView.FormError> errors, long noteFor,
                               String note) {
        return page(page, decided, errors, noteFor, note, null);
    }

    private ApprovalsPage page(PageContext page, ListRequest decided, List<PageView.FormError> errors, long noteFor,
                               String note, CampaignView decidedCampaign) {
        return new ApprovalsPage(page, requests.list(page.requester()).awaitingMyApproval(), decided, errors, noteFor, note,
                OffsetDateTime.now(clock), campaigns.awaitingDecisionBy(page.requester()), decidedCampaign);
    }
}
