package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.elections.Election;
import org.membergateway.elections.inspection.InspectedMember;
import org.membergateway.elections.inspection.InspectionException;
import org.membergateway.elections.inspection.InspectionPage;
import org.membergateway.elections.inspection.InspectionService;
import org.membergateway.http.Page;
import org.membergateway.http.QueryParameters;

/**
 * {@code /elections/{id}/inspection}: a candidate's list inspection (29 CFR 452.71–452.72) as a page.
 * A button opens the one inspection; then the electorate's names and addresses a hundred at a time,
 * with the candidate's name and the time written across the table, {@code no-store} like every page,
 * and a print stylesheet that leaves only a notice on paper. Opening and every page shown are the
 * service's, so audited exactly as over the API.
 */
@Path("/elections/{electionId}/inspection")
@Page
@Produces(MediaType.TEXT_HTML)
public final class InspectionPages {

    /** How many times the watermark is written across the table: enough to cover a full page of rows. */
    private static final int WATERMARKS = 12;

    private final Pages pages;
    private final InspectionService inspections;
    private final Clock clock;

    public InspectionPages(Pages pages, InspectionService inspections, Clock clock) {
        this.pages = pages;
        this.inspections = inspections;
        this.clock = clock;
    }

    public static final class View extends PageView {
        private final String electionId;
        private final String notice;
        private final boolean offered;
        private final String window;
        private final InspectionPage shown;
        private final String watermark;
        private final String expires;

        View(PageContext page, Election election, String notice, boolean offered, String window, InspectionPage shown,
             String watermark, String expires, List<FormError> errors) {
            super("elections/inspection.ftlh", page, page.messages().get("inspection.title", election.name()), errors);
            this.electionId = election.id();
            this.notice = notice;
            this.offered = offered;
            this.window = window;
            this.shown = shown;
            this.watermark = watermark;
            this.expires = expires;
        }

        /** URL-safe: election ids are letters, digits and {@code . _ : -}. */
        public String getAction() {
            return "/elections/" + URLEncoder.encode(electionId, StandardCharsets.UTF_8) + "/inspection";
        }

        /** Why there is no button and no table (not a candidate, inspected already, closed); null otherwise. */
        public String getNotice() {
            return notice;
        }

        /** Whether the button that opens the inspection is shown. */
        public boolean isOffered() {
            return offered;
        }

        public String getWindow() {
            return window;
        }

        public boolean isShown() {
            return shown != null;
        }

        public List<InspectedMember> getMembers() {
            return shown == null ? List.of() : shown.members();
        }

        public int getPageNumber() {
            return shown == null ? 0 : shown.page();
        }

        public int getPages() {
            return shown == null ? 0 : shown.pages();
        }

        public String getWatermark() {
            return watermark;
        }

        public List<Integer> getWatermarks() {
            return java.util.stream.IntStream.rangeClosed(1, WATERMARKS).boxed().toList();
        }

        public String getExpires() {
            return expires;
        }

        @Override
        public String toString() {
            return "InspectionPages.View[" + electionId + " " + shown + "]";
        }
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public View show(@Context ContainerRequestContext request, @PathParam("electionId") String electionId,
                     @QueryParam("page") String page) {
        PageContext context = pages.context(request);
        int number = QueryParameters.longValue("page", page, 1, Integer.MAX_VALUE, 1L).intValue();
        return view(context, electionId, number, List.of());
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(@Context ContainerRequestContext request, @PathParam("electionId") String electionId) {
        PageContext context = pages.context(request);
        try {
            inspections.open(context.requester(), electionId);
        } catch (InspectionException e) {
            if (e.status() != 403) {
                throw e;
            }
            // The page says why in the reader's language; the view below finds the same reason again.
            return Response.status(403).entity(view(context, electionId, 1, List.of(new PageView.FormError("open",
                    context.messages().get("inspection.error.notAvailable"))))).build();
        }
        return Response.seeOther(URI.create("/elections/" + URLEncoder.encode(electionId, StandardCharsets.UTF_8)
                + "/inspection")).build();
    }

    private View view(PageContext page, String electionId, int number, List<PageView.FormError> errors) {
        Messages m = page.messages();
        InspectionService.Standing standing = inspections.standing(page.requester(), electionId);
        Election election = standing.election();
        InspectionService.Window window = standing.window();
        String windowText = window.isEmpty() ? m.get("inspection.windowNone")
                : m.get("inspection.window", window.first().toString(), window.last().toString());
        if (standing.open()) {
            // Read (and recorded) only when it is shown.
            InspectionPage shown = inspections.page(page.requester(), electionId, standing.inspection().orElseThrow().id(),
                    number);
            String watermark = m.get("inspection.watermark", page.requester().displayName(),
                    page.dateTime(OffsetDateTime.now(clock)));
            return new View(page, election, null, false, windowText, shown, watermark,
                    page.dateTime(standing.inspection().get().expiresAt()), errors);
        }
        String notice;
        if (!standing.candidate()) {
            notice = m.get("inspection.error.notCandidate");
        } else if (standing.inspection().isPresent()) {
            notice = m.get("inspection.error.already", page.dateTime(standing.inspection().get().openedAt()),
                    page.dateTime(standing.inspection().get().expiresAt()));
        } else if (!window.contains(java.time.LocalDate.now(clock))) {
            notice = m.get("inspection.error.outsideWindow");
        } else {
            notice = null;
        }
        return new View(page, election, notice, notice == null, windowText, null, null, null, errors);
    }
}
