package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executor;
import org.membergateway.auth.Requester;
import org.membergateway.auth.RoleNames;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.PersonView;
import org.membergateway.directory.ScopeLookups;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.exports.ExportDownloads;
import org.membergateway.exports.ExportException;
import org.membergateway.exports.ExportKeyException;
import org.membergateway.exports.PaperCopies;
import org.membergateway.http.ApiException;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.MemberCounts;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestException;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.RequestDeniedException;
import org.membergateway.requests.RequestExports;

/**
 * The request pages (README, Pages): ask for a list and see what the policy says before and after
 * sending, follow one's requests, build an export and download it. Each form is one call to the
 * service the JSON API uses, so the pages decide, refuse and audit exactly as the API does; the
 * service's 400s come back as field errors on the form, in the reader's language.
 */
@Path("/requests")
@Page
@Produces(MediaType.TEXT_HTML)
public final class RequestPages {

    private final Pages pages;
    private final ListRequestService requests;
    private final DecisionService decisions;
    private final DirectoryService directory;
    private final ScopeLookups scopes;
    private final ExportBuilder exports;
    private final ExportDownloads downloads;
    private final RequestExports requestExports;
    private final PaperCopies paperCopies;
    private final Executor builds;
    private final Clock clock;

    /** @param builds where exports are built, so the page answers at once and shows the build's progress */
    public RequestPages(Pages pages, ListRequestService requests, DecisionService decisions, DirectoryService directory,
                        ScopeLookups scopes, ExportBuilder exports, ExportDownloads downloads, RequestExports requestExports,
                        PaperCopies paperCopies, Executor builds, Clock clock) {
        this.pages = pages;
        this.requests = requests;
        this.decisions = decisions;
        this.directory = directory;
        this.scopes = scopes;
        this.exports = exports;
        this.downloads = downloads;
        this.requestExports = requestExports;
        this.paperCopies = paperCopies;
        this.builds = builds;
        this.clock = clock;
    }

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public RequestsPage list(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        ListRequestService.Listing listing = requests.list(page.requester());
        return new RequestsPage(page, listing.mine(), listing.awaitingMyApproval().size(), now());
    }

    @GET
    @Path("new")
    @RolesAllowed(RoleNames.PERSON)
    public NewRequestPage form(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        return newRequest(page, scopes.choices(page.requester()), RequestForm.initial(page.requester()), List.of(), null,
                null, null, null);
    }

    /**
     * The form again with the fields its purpose and channel allow, for a browser without script
     * (which shows them as the purpose and channel change). Nothing is checked or recorded.
     */
    @POST
    @Path("new/fields")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public NewRequestPage withFields(@Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
        PageContext page = pages.context(request);
        ScopeLookups.Choices choices = scopes.choices(page.requester());
        return newRequest(page, choices, RequestForm.from(form, RequestForm.scopeIdTypes(choices.coverage())), List.of(),
                null, null, null, null);
    }

    /**
     * What the policy would decide about the form as it stands, and how many members it is about
     * and reaches on its channel; nothing is created (the check is audited).
     */
    @POST
    @Path("check")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response check(@Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
        PageContext page = pages.context(request);
        ScopeLookups.Choices choices = scopes.choices(page.requester());
        RequestForm filled = RequestForm.from(form, RequestForm.scopeIdTypes(choices.coverage()));
        try {
            DecisionService.Preview preview = decisions.preview(page.requester(), filled.body());
            return Response.ok(newRequest(page, choices, filled, List.of(), preview.evaluated().decision(),
                    NewRequestPage.Mode.CHECKED, preview.evaluated().auditSeq(), preview.reach())).build();
        } catch (InvalidParameterException e) {
            return Response.status(400).entity(newRequest(page, choices, filled, List.of(formError(page, e)), null, null,
                    null, null)).build();
        }
    }

    /** Sends the request: to its page when stored (approved or waiting), back to the form when refused. */
    @POST
    @Path("new")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@Context ContainerRequestContext request, MultivaluedMap<String, String> form) {
        PageContext page = pages.context(request);
        ScopeLookups.Choices choices = scopes.choices(page.requester());
        RequestForm filled = RequestForm.from(form, RequestForm.scopeIdTypes(choices.coverage()));
        try {
            ListRequest created = requests.create(page.requester(), filled.body());
            return Response.seeOther(URI.create("/requests/" + created.id())).build();
        } catch (RequestDeniedException denied) {
            return Response.status(403).entity(newRequest(page, choices, filled, List.of(), denied.decision(),
                    NewRequestPage.Mode.REFUSED, denied.auditSeq(), null)).build();
        } catch (InvalidParameterException e) {
            return Response.status(400).entity(newRequest(page, choices, filled, List.of(formError(page, e)), null, null,
                    null, null)).build();
        }
    }

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.PERSON)
    public RequestPage show(@Context ContainerRequestContext request, @PathParam("id") String id) {
        PageContext page = pages.context(request);
        return requestPage(page, requests.get(page.requester(), requestId(id)), List.of(), null, null, null);
    }

    /**
     * Starts an export of the person's approved request. To their key: back to the request, which
     * shows the build. Under a passphrase: a page that shows it, once.
     */
    @POST
    @Path("{id}/exports")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response export(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @FormParam("encryption") String encryption, @FormParam("builtBefore") String builtBefore) {
        PageContext page = pages.context(request);
        Requester me = page.requester();
        long requestId = requestId(id);
        String chosen = encryption == null || encryption.isBlank() ? null : encryption.strip();
        requests.get(me, requestId);
        if (builtBefore != null && !builtBefore.strip().equals(Integer.toString(requestExports.of(requestId).size()))) {
            // The form was sent before (a reload, the back button): show the list it built instead of building another.
            return Response.seeOther(URI.create("/requests/" + requestId + "#exports")).build();
        }
        try {
            ExportBuilder.Started started = exports.start(me, requestId, new ExportBuilder.ExportBody(chosen), builds);
            if (started.passphrase() != null) {
                return Response.ok(new ExportStartedPage(page, requestId, started.passphrase())).build();
            }
            return Response.seeOther(URI.create("/requests/" + requestId)).build();
        } catch (RequestDeniedException denied) {
            return Response.status(403).entity(requestPage(page, requests.get(me, requestId), List.of(), denied.decision(),
                    denied.auditSeq(), chosen)).build();
        } catch (InvalidParameterException e) {
            return exportProblem(page, requestId, 400, "requests.error.encryption", chosen);
        } catch (ExportKeyException e) {
            return exportProblem(page, requestId, 409, "requests.error.keyUnusable", chosen);
        } catch (ApiException e) {
            String message = switch (e.error()) {
                case "NO_RECIPIENT_KEY" -> "requests.error.noKey";
                case "APPROVAL_OUTDATED" -> "requests.error.outdated";
                case "NOT_APPROVED" -> "requests.error.notApproved";
                case "EXPORTS_BUSY" -> "requests.error.busy";
                case "EXPORTS_USED" -> "requests.error.exportsUsed";
                default -> null;
            };
            if (message == null) {
                throw e;
            }
            return exportProblem(page, requestId, e.status(), message, chosen);
        }
    }

    /**
     * "Print on paper" (voting data only): opens the paper copy of the person's approved request,
     * one use of its approval as an export is, then shows its first page. Sent again (a reload, the
     * back button), it opens the same copy and uses nothing more.
     */
    @POST
    @Path("{id}/print")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response openPaperCopy(@Context ContainerRequestContext request, @PathParam("id") String id) {
        PageContext page = pages.context(request);
        long requestId = requestId(id);
        try {
            paperCopies.open(page.requester(), requestId);
        } catch (RequestDeniedException denied) {
            return Response.status(403).entity(requestPage(page, requests.get(page.requester(), requestId), List.of(),
                    denied.decision(), denied.auditSeq(), null)).build();
        } catch (ApiException e) {
            String message = switch (e.error()) {
                case "APPROVAL_OUTDATED" -> "requests.error.outdated";
                case "NOT_APPROVED" -> "requests.error.notApproved";
                case "EXPORTS_USED" -> "requests.error.exportsUsed";
                default -> null;
            };
            if (message == null) {
                throw e;
            }
            ListRequest shown = requests.get(page.requester(), requestId);
            return Response.status(e.status()).entity(requestPage(page, shown,
                    List.of(new PageView.FormError("print", page.messages().get(message))), null, null, null)).build();
        }
        return Response.seeOther(URI.create("/requests/" + requestId + "/print?page=1")).build();
    }

    /**
     * One page of the person's paper copy, {@code no-store} as every page is, once its view is in
     * the trail (page number and rows, no value): only its requester, only voting data, only while
     * the approval is valid, and only after the copy was opened.
     */
    @GET
    @Path("{id}/print")
    @RolesAllowed(RoleNames.PERSON)
    public PrintPage printPage(@Context ContainerRequestContext request, @PathParam("id") String id,
                               @jakarta.ws.rs.QueryParam("page") String number) {
        PageContext page = pages.context(request);
        long requestId = requestId(id);
        int pageNumber;
        try {
            pageNumber = number == null || number.isBlank() ? 1 : Integer.parseInt(number.strip());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException("page", "page: a page number from 1");
        }
        return new PrintPage(page, paperCopies.page(page.requester(), requestId, pageNumber), now());
    }

    /**
     * Registers the person's own OpenPGP public key, as {@code PUT /api/v1/people/{username}/openpgp-key}
     * does (audited), from the request they want exported to it; then back to building it. A key that
     * is refused is never shown again: it may be a private key pasted by mistake.
     */
    @POST
    @Path("{id}/openpgp-key")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response registerKey(@Context ContainerRequestContext request, @PathParam("id") String id,
                                @FormParam("openpgpKey") String key) {
        PageContext page = pages.context(request);
        Requester me = page.requester();
        long requestId = requestId(id);
        ListRequest shown = requests.get(me, requestId);
        try {
            directory.setOpenPgpKey(me.username(), me.username(), key == null ? "" : key);
        } catch (DirectoryException e) {
            boolean secret = key != null && key.contains("PRIVATE KEY BLOCK");
            return Response.status(400).entity(requestPage(page, shown, List.of(new PageView.FormError("openpgpKey",
                    page.messages().get(secret ? "requests.error.openpgpKeyPrivate" : "requests.error.openpgpKey"))),
                    null, null, null)).build();
        }
        return Response.seeOther(URI.create("/requests/" + requestId + "#build")).build();
    }

    /**
     * The requester attests that the list they exported is destroyed, as {@code POST
     * /api/v1/list-requests/{id}/destruction} does (audited, once); then back to the request.
     */
    @POST
    @Path("{id}/destruction")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response attestDestruction(@Context ContainerRequestContext request, @PathParam("id") String id,
                                      @FormParam("destroyedOn") String destroyedOn, @FormParam("method") String method) {
        PageContext page = pages.context(request);
        Requester me = page.requester();
        long requestId = requestId(id);
        ListRequest shown = requests.get(me, requestId);
        try {
            requests.attestDestruction(me, requestId, new org.membergateway.requests.DestructionAttestation.Body(destroyedOn,
                    method, null));
        } catch (InvalidParameterException e) {
            String field = "method".equals(e.parameter()) ? "method" : "destroyedOn";
            return Response.status(400).entity(requestPage(page, shown, List.of(new PageView.FormError(field,
                    page.messages().get("requests.error.destruction." + field))), null, null, null)).build();
        }
        return Response.seeOther(URI.create("/requests/" + requestId + "#destruction")).build();
    }

    /** One download of the person's own export (counted and audited before a byte is sent), as an attachment. */
    @POST
    @Path("{id}/exports/{export}/download")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({"application/pgp-encrypted", MediaType.TEXT_HTML})
    public Response download(@Context ContainerRequestContext request, @PathParam("id") String id,
                             @PathParam("export") String exportId) {
        Requester me = pages.context(request).requester();
        long requestId = requestId(id);
        requests.get(me, requestId);
        if (requestExports.of(requestId).stream().noneMatch(e -> e.id().equals(exportId))) {
            throw ExportException.notFound();
        }
        ExportDownloads.Download download = downloads.claim(me, exportId);
        StreamingOutput body = out -> downloads.stream(download, out);
        return Response.ok(body, "application/pgp-encrypted")
                .header("Content-Disposition", "attachment; filename=\"export-" + download.id() + ".csv.gpg\"")
                .header("Content-Length", download.bytes())
                .build();
    }

    private Response exportProblem(PageContext page, long requestId, int status, String messageKey, String chosen) {
        ListRequest request = requests.get(page.requester(), requestId);
        return Response.status(status).entity(requestPage(page, request,
                List.of(new PageView.FormError("encryption", page.messages().get(messageKey))), null, null, chosen)).build();
    }

    private RequestPage requestPage(PageContext page, ListRequest request, List<PageView.FormError> errors,
                                    org.membergateway.policy.Decision refusal, Long auditSeq, String chosen) {
        Requester me = page.requester();
        String fingerprint = request.requester().equals(me.username())
                ? directory.person(me.username()).map(PersonView::openpgpFingerprint).orElse(null) : null;
        boolean mine = request.requester().equals(me.username());
        return new RequestPage(page, request, requestExports.of(request.id()), now(), fingerprint, errors, refusal,
                auditSeq, chosen, mine ? requests.destruction(request.id()).orElse(null) : null,
                new RequestPage.Uses(paperCopies.usesLeft(request.id()), PaperCopies.printable(request),
                        mine && paperCopies.of(request.id()).isPresent()));
    }

    private NewRequestPage newRequest(PageContext page, ScopeLookups.Choices choices, RequestForm form,
                                      List<PageView.FormError> errors, org.membergateway.policy.Decision decision,
                                      NewRequestPage.Mode mode, Long auditSeq, MemberCounts.Reach reach) {
        return new NewRequestPage(page, form, errors, decision, mode, auditSeq, reach, choices, decisions.policy().fields());
    }

    /** The parser's 400, at the form field it concerns, in the reader's words. */
    static PageView.FormError formError(PageContext page, InvalidParameterException e) {
        String field = RequestForm.formField(e.parameter());
        return new PageView.FormError(field, page.messages().get("requests.error." + field));
    }

    private static long requestId(String id) {
        return PathIds.positive(id).orElseThrow(ListRequestException::notFound);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
