package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditFlags;
import org.membergateway.audit.AuditIntegrity;
import org.membergateway.audit.AuditQuery;
import org.membergateway.audit.AuditReleases;
import org.membergateway.audit.AuditReport;
import org.membergateway.audit.AuditService;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.Page;

/**
 * The auditors' pages (README, Pages): {@code /audit} searches the trail as
 * {@code GET /api/v1/audit/entries} does (oldest first, in seq order, paged by {@code afterSeq});
 * {@code /audit/integrity} verifies it on request and shows the signed checkpoint;
 * {@code /audit/releases} charts the member data released; {@code /audit/flags} lists what stands
 * out; {@code /audit/report.csv} is a period's entries as CSV. AUDITOR only, like the API.
 */
@Path("/audit")
@Page
@Produces(MediaType.TEXT_HTML)
public final class AuditPages {

    static final String CSV = "text/csv; charset=utf-8";

    private final Pages pages;
    private final AuditService audit;
    private final AuditIntegrity integrity;
    private final AuditReleases releases;
    private final AuditFlags flags;
    private final AuditReport report;

    public AuditPages(Pages pages, AuditService audit, AuditIntegrity integrity, AuditReleases releases,
                      AuditFlags flags, AuditReport report) {
        this.pages = pages;
        this.audit = audit;
        this.integrity = integrity;
        this.releases = releases;
        this.flags = flags;
        this.report = report;
    }

    @GET
    @RolesAllowed(RoleNames.AUDITOR)
    public Response search(@Context ContainerRequestContext request, @QueryParam("actor") String actor,
                           @QueryParam("action") String action, @QueryParam("decision") String decision,
                           @QueryParam("from") String from, @QueryParam("to") String to,
                           @QueryParam("afterSeq") String afterSeq, @QueryParam("limit") String limit) {
        PageContext page = pages.context(request);
        AuditForms.Search form = AuditForms.Search.of(actor, action, decision, from, to, afterSeq, limit);
        return searchPage(page, form, List.of(), null, null);
    }

    private Response searchPage(PageContext page, AuditForms.Search form, List<PageView.FormError> reportErrors,
                                String reportFrom, String reportTo) {
        AuditForms.CheckedSearch checked = AuditForms.check(form, page.messages(), page.zone());
        List<PageView.FormError> errors = new java.util.ArrayList<>(checked.errors());
        errors.addAll(reportErrors);
        List<AuditViews.Row> rows = List.of();
        String next = null;
        if (checked.query() != null) {
            AuditQuery query = checked.query();
            List<AuditEntry> found = audit.search(query);
            boolean more = found.size() > form.limit();
            List<AuditEntry> shown = more ? found.subList(0, form.limit()) : found;
            rows = shown.stream().map(AuditViews.Row::of).toList();
            if (more) {
                next = AuditViews.Links.search(form.actor(), form.action(), form.decision(), checked.from(), checked.to())
                        + separator(form) + "afterSeq=" + shown.get(shown.size() - 1).seq() + limitParam(form);
            }
        }
        String first = form.afterSeq() > 0 ? AuditViews.Links.search(form.actor(), form.action(), form.decision(),
                checked.from(), checked.to()) + (form.limit() == AuditForms.DEFAULT_LIMIT ? ""
                : separator(form) + "limit=" + form.limit()) : null;
        long size = audit.size();
        // Seqs have no gaps, so the newest page of the whole trail starts exactly here.
        String newest = !form.filtered() && size > form.limit() && form.afterSeq() < size - form.limit()
                ? "/audit?afterSeq=" + (size - form.limit()) + limitParam(form) : null;
        LocalDate today = releases.today();
        AuditViews.SearchView view = new AuditViews.SearchView(page, errors, form, rows, next, first, newest,
                integrity.status(), reportFrom == null ? today.minusDays(29).toString() : reportFrom,
                reportTo == null ? today.toString() : reportTo);
        return Response.status(errors.isEmpty() ? 200 : 400).entity(view).build();
    }

    private static String separator(AuditForms.Search form) {
        return form.filtered() ? "&" : "?";
    }

    private static String limitParam(AuditForms.Search form) {
        return form.limit() == AuditForms.DEFAULT_LIMIT ? "" : "&limit=" + form.limit();
    }

    @GET
    @Path("integrity")
    @RolesAllowed(RoleNames.AUDITOR)
    public AuditViews.IntegrityView integrity(@Context ContainerRequestContext request,
                                              @QueryParam("verified") String verified) {
        AuditIntegrity.Status status = integrity.status();
        boolean now = verified != null && status.lastVerification()
                .map(e -> Long.toString(e.seq()).equals(verified)).orElse(false);
        String base = request.getUriInfo().getBaseUri().toString();
        return new AuditViews.IntegrityView(pages.context(request), status, now,
                base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** Verifying writes an AUDIT_VERIFICATION entry, so it is a POST (with the form's token), never a page view. */
    @POST
    @Path("integrity/verify")
    @RolesAllowed(RoleNames.AUDITOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response verify(@Context ContainerRequestContext request) {
        AuditService.RecordedVerification verified = integrity.verify(pages.context(request).requester().actor());
        return Response.seeOther(URI.create("/audit/integrity?verified=" + verified.entry().seq() + "#verification")).build();
    }

    @GET
    @Path("releases")
    @RolesAllowed(RoleNames.AUDITOR)
    public Response releases(@Context ContainerRequestContext request, @QueryParam("from") String from,
                             @QueryParam("to") String to) {
        PageContext page = pages.context(request);
        LocalDate today = releases.today();
        String fromText = from == null ? today.minusDays(AuditReleases.DAYS - 1).toString() : from;
        String toText = to == null ? today.toString() : to;
        AuditForms.Period period = AuditForms.period(fromText, toText, "", AuditReport.MAX_DAYS, page.messages());
        List<org.membergateway.audit.AuditReviewDao.ActorReleases> perRequester = period.errors().isEmpty()
                ? releases.perRequester(period.from(), period.to()) : null;
        AuditViews.ReleasesView view = new AuditViews.ReleasesView(page, period.errors(), releases.perDay(), fromText,
                toText, period.from(), period.to(), perRequester);
        return Response.status(period.errors().isEmpty() ? 200 : 400).entity(view).build();
    }

    @GET
    @Path("flags")
    @RolesAllowed(RoleNames.AUDITOR)
    public AuditViews.FlagsView flags(@Context ContainerRequestContext request) {
        return new AuditViews.FlagsView(pages.context(request), flags.flags());
    }

    /**
     * Every entry of a period as CSV (RFC 4180), recorded (AUDIT_REPORT) before it is sent. A period
     * that is not right shows the search page again with the report form's errors.
     */
    @GET
    @Path("report.csv")
    @RolesAllowed(RoleNames.AUDITOR)
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response report(@Context ContainerRequestContext request, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        PageContext page = pages.context(request);
        AuditForms.Period period = AuditForms.period(from, to, "report-", AuditReport.MAX_DAYS, page.messages());
        if (!period.errors().isEmpty()) {
            Response again = searchPage(page, AuditForms.Search.of(null, null, null, null, null, null, null),
                    period.errors(), from == null ? "" : from, to == null ? "" : to);
            return Response.fromResponse(again).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).build();
        }
        AuditReport.Prepared prepared = report.prepare(page.requester(), period.from(), period.to());
        StreamingOutput body = out -> report.write(prepared, out);
        return Response.ok(body, CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + prepared.fileName() + "\"")
                .build();
    }
}
