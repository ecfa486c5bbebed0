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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.NumberFormat;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.membergateway.auth.RoleNames;
import org.membergateway.elections.Election;
import org.membergateway.elections.mailings.ElectionMailingService;
import org.membergateway.elections.mailings.MailingBodies;
import org.membergateway.elections.mailings.MailingChannel;
import org.membergateway.elections.mailings.MailingException;
import org.membergateway.elections.mailings.MailingViews;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.MultipartForm;
import org.membergateway.http.Page;
import org.membergateway.http.StreamedBody;
import org.membergateway.policy.AccessRequestBody.ScopeBody;
import org.membergateway.policy.ScopeType;

/**
 * {@code /elections/{id}/mailings/new}: a declared candidate has the union mail their literature,
 * and {@code /elections/{id}/notices/new}: staff send an official notice (confidentiality §5;
 * 29 U.S.C. 481(c); 29 CFR 452.67–452.73). Nobody types a hash: the file is uploaded and its
 * SHA-256 worked out here while it arrives, the bytes neither kept nor written anywhere (a typed
 * hash is accepted too). A candidate first gets the quote (the service's dry run: pieces, rate,
 * cost, the same terms for everyone), then submits it with the hash, without sending the file again.
 * Every check and audit entry is {@link ElectionMailingService}'s, exactly as over the API; the
 * pages show counts and cents, never a member.
 */
// The same root as ElectionPages: Jersey merges the two, where a root of its own ("/elections/{electionId}")
// would take every /elections/{id} request away from ElectionPages and answer 404.
@Path("/elections")
@Page
@Produces(MediaType.TEXT_HTML)
public final class LiteraturePages {

    /** The largest literature file taken: a printed leaflet as a PDF is well under this. */
    public static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** A plain field of the form: titles are 200 characters, the rest shorter. */
    static final int MAX_FIELD_BYTES = 4 * 1024;
    /** Fields a form may have; more is not one of these forms. */
    static final int MAX_PARTS = 16;
    /**
     * How much of a too-large upload is read and thrown away so the browser gets the answer on the
     * same connection; past it the connection is simply closed.
     */
    static final long DRAIN_BYTES = 64L * 1024 * 1024;

    /** Room for the form's fields and part headers next to the file. */
    static final long FORM_BYTES = 1024 * 1024;

    private static final NumberFormat DOLLARS = NumberFormat.getCurrencyInstance(Locale.US);

    private final Pages pages;
    private final ElectionMailingService mailings;

    public LiteraturePages(Pages pages, ElectionMailingService mailings) {
        this.pages = pages;
        this.mailings = mailings;
    }

    /** One radio or option. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** What the form had, shown again after a refusal; the file itself is never kept, only its hash. */
    public record Typed(String channel, String scope, String scopeType, String scopeId, String title,
                        String literatureSha256) {
        static final Typed EMPTY = new Typed("MAIL", "all", "", "", "", "");

        ScopeBody scopeBody() {
            return "part".equals(scope) ? new ScopeBody(scopeType, scopeId) : null;
        }
    }

    /** The quote in the reader's words. */
    public record Quote(String channel, String scope, String pieces, String rate, String cost, String payment,
                        String lead, String title, String sha256) {
    }

    /** The mailing form, its quote, or the page saying the reader is not a candidate. */
    public static final class MailingView extends PageView {
        private final String electionId;
        private final String electionName;
        private final String electorate;
        private final String terms;
        private final String notice;
        private final Typed typed;
        private final List<Choice> channels;
        private final List<Choice> scopeTypes;
        private final Quote quote;
        private final boolean notices;

        MailingView(PageContext page, String template, String title, ElectionMailingService.Offer offer, String notice,
                    Typed typed, Quote quote, boolean notices, List<FormError> errors) {
            super(template, page, title, errors);
            Messages m = page.messages();
            Election election = offer.election();
            this.electionId = election.id();
            this.electionName = election.name();
            this.electorate = scope(m, election.scopeType().name(), election.scopeId());
            this.terms = terms(m, offer);
            this.notice = notice;
            this.typed = typed;
            this.channels = (offer.email() ? List.of(MailingChannel.MAIL, MailingChannel.EMAIL) : List.of(MailingChannel.MAIL))
                    .stream().map(c -> new Choice(c.name(), m.get("literature.channel." + c.name()),
                            c.name().equals(typed.channel()))).toList();
            this.scopeTypes = List.of(ScopeType.LOCAL, ScopeType.REGION, ScopeType.EMPLOYER_GROUP).stream()
                    .map(s -> new Choice(s.name(), m.get("literature.scopeType." + s.name()), s.name().equals(typed.scopeType())))
                    .toList();
            this.quote = quote;
            this.notices = notices;
        }

        private String base() {
            return "/elections/" + URLEncoder.encode(electionId, StandardCharsets.UTF_8);
        }

        /** Where the form with the file goes. */
        public String getAction() {
            return base() + (notices ? "/notices/new" : "/mailings/new");
        }

        /** Where the quoted mailing is submitted (hidden fields, no file). */
        public String getSubmitAction() {
            return base() + "/mailings";
        }

        public String getElectionName() {
            return electionName;
        }

        public String getElectorate() {
            return electorate;
        }

        public String getTerms() {
            return terms;
        }

        /** Why there is no form (not a candidate of this election); null otherwise. */
        public String getNotice() {
            return notice;
        }

        public Typed getTyped() {
            return typed;
        }

        public List<Choice> getChannels() {
            return channels;
        }

        public List<Choice> getScopeTypes() {
            return scopeTypes;
        }

        public Quote getQuote() {
            return quote;
        }

        public String getMaxSize() {
            return MAX_FILE_BYTES / (1024 * 1024) + " MiB";
        }

        @Override
        public String toString() {
            return "LiteraturePages.MailingView[" + electionId + "]";
        }
    }

    // ---- a candidate's literature -------------------------------------------------------------

    @GET
    @Path("{electionId}/mailings/new")
    @RolesAllowed(RoleNames.PERSON)
    public Response mailingForm(@Context ContainerRequestContext request, @PathParam("electionId") String electionId) {
        PageContext page = pages.context(request);
        ElectionMailingService.Offer offer = mailings.offer(page.requester(), electionId);
        if (!offer.candidate()) {
            return notACandidate(page, offer);
        }
        return Response.ok(mailingView(page, offer, Typed.EMPTY, null, List.of())).build();
    }

    /** "Get a quote": the form with the file; the service's dry run, stored nowhere. */
    @POST
    @Path("{electionId}/mailings/new")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @StreamedBody
    public Response quote(@Context ContainerRequestContext request, @PathParam("electionId") String electionId,
                          InputStream body) {
        PageContext page = pages.context(request);
        ElectionMailingService.Offer offer = mailings.offer(page.requester(), electionId);
        if (!offer.candidate()) {
            return notACandidate(page, offer);
        }
        Upload upload = Upload.read(request.getMediaType(), body);
        Typed typed = upload.typed();
        Optional<PageView.FormError> hashError = upload.hashError(page.messages());
        if (hashError.isPresent()) {
            return Response.status(400).entity(mailingView(page, offer, typed, null, List.of(hashError.get()))).build();
        }
        try {
            MailingViews.Quote quote = (MailingViews.Quote) mailings.submit(page.requester(), electionId,
                    new MailingBodies.Mailing(typed.channel(), typed.scopeBody(), typed.title(), typed.literatureSha256()),
                    true);
            Messages m = page.messages();
            Quote shown = new Quote(m.get("literature.channel." + quote.channel()),
                    scope(m, quote.scope().type(), quote.scope().id()),
                    NumberFormat.getIntegerInstance(Locale.US).format(quote.pieces()), cents(quote.rateCents()),
                    DOLLARS.format(quote.costCents() / 100.0),
                    m.get(quote.paymentInAdvance() ? "literature.payment.advance" : "literature.payment.after"),
                    m.get("literature.lead", quote.leadDays()), typed.title().strip(),
                    typed.literatureSha256().strip().toLowerCase(Locale.ROOT));
            return Response.ok(mailingView(page, offer, typed, shown, List.of())).build();
        } catch (MailingException | InvalidParameterException e) {
            return refused(page, offer, typed, e, upload.hadFile(), false);
        }
    }

    /** "Submit this mailing": the quoted fields again, the hash instead of the file. */
    @POST
    @Path("{electionId}/mailings")
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@Context ContainerRequestContext request, @PathParam("electionId") String electionId,
                           @FormParam("channel") String channel, @FormParam("scope") String scope,
                           @FormParam("scopeType") String scopeType, @FormParam("scopeId") String scopeId,
                           @FormParam("title") String title, @FormParam("literatureSha256") String sha256) {
        PageContext page = pages.context(request);
        ElectionMailingService.Offer offer = mailings.offer(page.requester(), electionId);
        if (!offer.candidate()) {
            return notACandidate(page, offer);
        }
        Typed typed = new Typed(orEmpty(channel), "part".equals(scope) ? "part" : "all", orEmpty(scopeType).strip(),
                orEmpty(scopeId).strip(), orEmpty(title), orEmpty(sha256).strip());
        try {
            MailingViews.Created created = (MailingViews.Created) mailings.submit(page.requester(), electionId,
                    new MailingBodies.Mailing(typed.channel(), typed.scopeBody(), typed.title(), typed.literatureSha256()),
                    false);
            return Response.seeOther(UriBuilder.fromPath("/elections/{id}").queryParam("mailing", created.id())
                    .build(electionId)).build();
        } catch (MailingException | InvalidParameterException e) {
            return refused(page, offer, typed, e, false, false);
        }
    }

    // ---- official notices ---------------------------------------------------------------------

    @GET
    @Path("{electionId}/notices/new")
    @RolesAllowed(RoleNames.STAFF)
    public MailingView noticeForm(@Context ContainerRequestContext request, @PathParam("electionId") String electionId) {
        PageContext page = pages.context(request);
        return noticeView(page, mailings.offer(page.requester(), electionId), Typed.EMPTY, List.of());
    }

    @POST
    @Path("{electionId}/notices/new")
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @StreamedBody
    public Response notice(@Context ContainerRequestContext request, @PathParam("electionId") String electionId,
                           InputStream body) {
        PageContext page = pages.context(request);
        ElectionMailingService.Offer offer = mailings.offer(page.requester(), electionId);
        Upload upload = Upload.read(request.getMediaType(), body);
        Typed typed = upload.typed();
        Optional<PageView.FormError> hashError = upload.hashError(page.messages());
        if (hashError.isPresent()) {
            return Response.status(400).entity(noticeView(page, offer, typed, List.of(hashError.get()))).build();
        }
        try {
            MailingViews.Created created = mailings.notice(page.requester(), electionId,
                    new MailingBodies.Notice(typed.title(), typed.literatureSha256(), typed.channel(), typed.scopeBody()));
            return Response.seeOther(UriBuilder.fromPath("/elections/{id}").queryParam("notice", created.id())
                    .build(electionId)).build();
        } catch (MailingException | InvalidParameterException e) {
            return refused(page, offer, typed, e, upload.hadFile(), true);
        }
    }

    // ---- shared -------------------------------------------------------------------------------

    private MailingView mailingView(PageContext page, ElectionMailingService.Offer offer, Typed typed, Quote quote,
                                    List<PageView.FormError> errors) {
        Messages m = page.messages();
        return new MailingView(page, "elections/mailing-new.ftlh",
                m.get(quote == null ? "literature.title" : "literature.quote.title", offer.election().name()), offer, null,
                typed, quote, false, errors);
    }

    private MailingView noticeView(PageContext page, ElectionMailingService.Offer offer, Typed typed,
                                   List<PageView.FormError> errors) {
        return new MailingView(page, "elections/notice-new.ftlh",
                page.messages().get("notice.title", offer.election().name()), offer, null, typed, null, true, errors);
    }

    /** 403: the page says who may use it; nothing was asked of the service that could store anything. */
    private Response notACandidate(PageContext page, ElectionMailingService.Offer offer) {
        Messages m = page.messages();
        return Response.status(403).entity(new MailingView(page, "elections/mailing-new.ftlh",
                m.get("literature.title", offer.election().name()), offer, m.get("literature.error.notCandidate"),
                Typed.EMPTY, null, false, List.of())).build();
    }

    /** The service's refusal in the reader's words, on the field it concerns. */
    private Response refused(PageContext page, ElectionMailingService.Offer offer, Typed typed, RuntimeException e,
                             boolean hadFile, boolean notice) {
        Messages m = page.messages();
        int status;
        PageView.FormError error;
        if (e instanceof MailingException refusal) {
            if (refusal.status() == 404 || refusal.status() >= 500) {
                throw refusal;
            }
            if ("NOT_A_CANDIDATE".equals(refusal.error())) {
                return notACandidate(page, offer);
            }
            status = refusal.status();
            String field = "NO_EMAIL_VENDOR".equals(refusal.error()) ? "channel" : "title";
            String key = "literature.error." + refusal.error();
            error = new PageView.FormError(field, m.has(key) ? m.get(key) : m.get("literature.error.refused", refusal.getMessage()));
        } else {
            InvalidParameterException invalid = (InvalidParameterException) e;
            status = 400;
            String field = switch (invalid.parameter()) {
                case "channel" -> "channel";
                case "title" -> "title";
                case "literatureSha256" -> hadFile ? "literature" : "literatureSha256";
                case "scope.type" -> "scopeType";
                case "scope.id", "scope" -> "scopeId";
                default -> "title";
            };
            String key = switch (invalid.parameter()) {
                case "channel" -> "literature.error.channel";
                case "title" -> "literature.error.title";
                case "literatureSha256" -> "literature.error.sha256";
                case "scope.type" -> "literature.error.scopeType";
                case "scope.id" -> "literature.error.scopeId";
                case "scope" -> "literature.error.outsideElectorate";
                default -> null;
            };
            String message = key == null ? m.get("literature.error.refused", invalid.getMessage())
                    : m.get(key, scope(m, offer.election().scopeType().name(), offer.election().scopeId()));
            error = new PageView.FormError(field, message);
        }
        MailingView view = notice ? noticeView(page, offer, typed, List.of(error))
                : mailingView(page, offer, typed, null, List.of(error));
        return Response.status(status).entity(view).build();
    }

    static String scope(Messages m, String scopeType, String scopeId) {
        return "STATEWIDE".equals(scopeType) ? m.get("people.scope.statewide")
                : m.get("people.scopeType." + scopeType, scopeId);
    }

    private static String cents(int cents) {
        return DOLLARS.format(cents / 100.0);
    }

    /** The election's published terms in one sentence, as the candidate reads them before asking. */
    private static String terms(Messages m, ElectionMailingService.Offer offer) {
        MailingViews.Terms terms = offer.terms();
        String mail = cents(terms.rates().get(MailingChannel.MAIL.name()));
        String payment = m.get(terms.paymentInAdvance() ? "literature.payment.advance" : "literature.payment.after");
        return offer.email()
                ? m.get("literature.terms.mailAndEmail", mail, cents(terms.rates().get(MailingChannel.EMAIL.name())),
                        payment, terms.leadDays())
                : m.get("literature.terms.mail", mail, payment, terms.leadDays());
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Ends the body with an error past {@code max} bytes: the form is then not read as whole. */
    static final class Bounded extends java.io.FilterInputStream {
        private final long max;
        private long read;

        Bounded(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= max) {
                throw new MultipartForm.MalformedException("the form is larger than " + max + " bytes");
            }
            int n = in.read(buffer, offset, (int) Math.min(length, max - read));
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }

    /**
     * The form as it arrived: its fields, and of the file only its SHA-256 and size, worked out as
     * the bytes came in. A file past {@link #MAX_FILE_BYTES} is not hashed any further.
     */
    record Upload(Map<String, String> fields, String fileSha256, long fileBytes, boolean tooLarge, boolean malformed) {

        static final Set<String> FIELDS = Set.of("csrf", "channel", "scope", "scopeType", "scopeId", "title",
                "literatureSha256");

        static Upload read(MediaType type, InputStream body) {
            Map<String, String> fields = new LinkedHashMap<>();
            // The whole form is bounded too: a file under any other name is skipped, but not for ever.
            Optional<MultipartForm> form = MultipartForm.of(type, new Bounded(body, MAX_FILE_BYTES + FORM_BYTES));
            if (form.isEmpty()) {
                return new Upload(fields, null, 0, false, true);
            }
            try {
                int parts = 0;
                for (Optional<MultipartForm.Part> next = form.get().next(); next.isPresent(); next = form.get().next()) {
                    MultipartForm.Part part = next.get();
                    if (++parts > MAX_PARTS) {
                        return new Upload(fields, null, 0, false, true);
                    }
                    if (part.isFile() && "literature".equals(part.name())) {
                        Upload file = hash(fields, part, body);
                        if (file.tooLarge() || file.fileSha256() != null) {
                            if (file.tooLarge()) {
                                return file;
                            }
                            // Fields after the file still count (browsers send them in the form's order).
                            Upload rest = remaining(form.get(), fields, parts);
                            return new Upload(fields, file.fileSha256(), file.fileBytes(), false, rest.malformed());
                        }
                    } else if (!part.isFile() && FIELDS.contains(part.name())) {
                        fields.put(part.name(), MultipartForm.text(part, MAX_FIELD_BYTES));
                    }
                }
                return new Upload(fields, null, 0, false, false);
            } catch (IOException e) {
                return new Upload(fields, null, 0, false, true);
            }
        }

        private static Upload remaining(MultipartForm form, Map<String, String> fields, int parts) throws IOException {
            for (Optional<MultipartForm.Part> next = form.next(); next.isPresent(); next = form.next()) {
                MultipartForm.Part part = next.get();
                if (++parts > MAX_PARTS) {
                    return new Upload(fields, null, 0, false, true);
                }
                if (!part.isFile() && FIELDS.contains(part.name())) {
                    fields.put(part.name(), MultipartForm.text(part, MAX_FIELD_BYTES));
                }
            }
            return new Upload(fields, null, 0, false, false);
        }

        /** The file's SHA-256, streamed; no file chosen (a browser sends an empty part) is no hash. */
        private static Upload hash(Map<String, String> fields, MultipartForm.Part part, InputStream body) throws IOException {
            MessageDigest digest;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java has SHA-256", e);
            }
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = part.body().read(buffer)) >= 0) {
                total += n;
                if (total > MAX_FILE_BYTES) {
                    // Read on and throw away, so the answer reaches the browser; never hashed, never kept.
                    drain(body, DRAIN_BYTES);
                    return new Upload(fields, null, total, true, false);
                }
                digest.update(buffer, 0, n);
            }
            if (total == 0 && part.filename().isEmpty()) {
                return new Upload(fields, null, 0, false, false);
            }
            return new Upload(fields, HexFormat.of().formatHex(digest.digest()), total, false, false);
        }

        private static void drain(InputStream body, long max) throws IOException {
            byte[] sink = new byte[64 * 1024];
            long read = 0;
            int n;
            while (read < max && (n = body.read(sink)) >= 0) {
                read += n;
            }
        }

        boolean hadFile() {
            return fileSha256 != null || tooLarge;
        }

        Typed typed() {
            String typedHash = fields.getOrDefault("literatureSha256", "").strip();
            String sha = fileSha256 != null ? fileSha256 : typedHash;
            return new Typed(fields.getOrDefault("channel", ""), "part".equals(fields.get("scope")) ? "part" : "all",
                    fields.getOrDefault("scopeType", "").strip(), fields.getOrDefault("scopeId", "").strip(),
                    fields.getOrDefault("title", ""), sha);
        }

        /** A problem with the file or the typed hash that the page finds before asking the service. */
        Optional<PageView.FormError> hashError(Messages m) {
            if (malformed) {
                return Optional.of(new PageView.FormError("literature", m.get("literature.error.malformed")));
            }
            if (tooLarge) {
                return Optional.of(new PageView.FormError("literature", m.get("literature.error.tooLarge",
                        MAX_FILE_BYTES / (1024 * 1024) + " MiB")));
            }
            String typedHash = fields.getOrDefault("literatureSha256", "").strip().toLowerCase(Locale.ROOT);
            if (fileSha256 == null && typedHash.isEmpty()) {
                return Optional.of(new PageView.FormError("literature", m.get("literature.error.noFile")));
            }
            if (fileSha256 != null && !typedHash.isEmpty() && !typedHash.equals(fileSha256)) {
                return Optional.of(new PageView.FormError("literatureSha256", m.get("literature.error.hashDiffers")));
            }
            return Optional.empty();
        }
    }
}
