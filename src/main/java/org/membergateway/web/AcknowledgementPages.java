package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.membergateway.acknowledgements.Acknowledgement;
import org.membergateway.acknowledgements.AcknowledgementException;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.acknowledgements.NewAcknowledgement;
import org.membergateway.acknowledgements.PaperAcknowledgement;
import org.membergateway.acknowledgements.PolicyDocuments;
import org.membergateway.auth.Requester;
import org.membergateway.auth.RoleNames;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.http.Page;
import org.membergateway.policy.AcknowledgementStatus;

/**
 * The confidentiality texts everyone signs (confidentiality §10), as pages: where the person
 * stands with each required text, each text to read in the language they choose and sign by
 * typing their name, their signed receipts with the steps to check them with GnuPG, and, for
 * staff, recording a form signed on paper. Everything goes through {@link AcknowledgementService},
 * which validates and audits exactly as it does for the JSON API.
 */
@Path("/acknowledgements")
@Page
@Produces(MediaType.TEXT_HTML)
public final class AcknowledgementPages {

    static final String RECEIPT_TYPE = "text/plain; charset=utf-8";
    static final String SIGNATURE_TYPE = "application/pgp-signature";

    private final Pages pages;
    private final AcknowledgementService acknowledgements;
    private final GatewayOpenPgpKey key;

    public AcknowledgementPages(Pages pages, AcknowledgementService acknowledgements, GatewayOpenPgpKey key) {
        this.pages = pages;
        this.acknowledgements = acknowledgements;
        this.key = key;
    }

    // ---- what the templates show ---------------------------------------------------------------

    /** A link to one language's text; {@code name} is the language's name for itself. */
    public record TextLink(String code, String name, String href, boolean current) {
    }

    /** One required text and where the reader stands with it. */
    public record DocumentRow(String documentId, String version, String title, String status, String statusText,
                              String tagClass, String expiresAt, List<TextLink> texts) {
    }

    /** One signed receipt in the list. */
    public record ReceiptRow(String id, String title, String version, String language, String method,
                             String signedAt, String expiresAt) {
    }

    /** One line of a summary list. */
    public record Line(String label, String value, String lang) {
    }

    /** {@code /acknowledgements}: the required texts and the person's receipts. */
    public static final class Overview extends PageView {
        private final boolean current;
        private final String until;
        private final String validity;
        private final List<DocumentRow> documents;
        private final List<ReceiptRow> receipts;

        Overview(PageContext page, boolean current, String until, String validity, List<DocumentRow> documents,
                 List<ReceiptRow> receipts) {
            super("acknowledgements/index.ftlh", page, page.messages().get("ack.title"));
            this.current = current;
            this.until = until;
            this.validity = validity;
            this.documents = List.copyOf(documents);
            this.receipts = List.copyOf(receipts);
        }

        public boolean isCurrent() {
            return current;
        }

        public String getUntil() {
            return until;
        }

        public String getValidity() {
            return validity;
        }

        public List<DocumentRow> getDocuments() {
            return documents;
        }

        public List<ReceiptRow> getReceipts() {
            return receipts;
        }
    }

    /** {@code /acknowledgements/{documentId}/{version}}: the text, and the form to sign it. */
    public static final class DocumentPage extends PageView {
        private final String documentId;
        private final String version;
        private final String published;
        private final String language;
        private final List<TextLink> texts;
        private final List<List<String>> paragraphs;
        private final String note;
        private final String currentHref;
        private final String signedUntil;
        private final String typedName;
        private final String displayName;

        DocumentPage(PageContext page, List<FormError> errors, String title, String documentId, String version,
                     String published, String language, List<TextLink> texts, List<List<String>> paragraphs,
                     String note, String currentHref, String signedUntil, String typedName) {
            super("acknowledgements/document.ftlh", page, title, errors);
            this.documentId = documentId;
            this.version = version;
            this.published = published;
            this.language = language;
            this.texts = List.copyOf(texts);
            this.paragraphs = List.copyOf(paragraphs);
            this.note = note;
            this.currentHref = currentHref;
            this.signedUntil = signedUntil;
            this.typedName = typedName;
            this.displayName = page.requester().displayName();
        }

        public String getDocumentId() {
            return documentId;
        }

        public String getVersion() {
            return version;
        }

        public String getPublished() {
            return published;
        }

        /** The code of the language the text is in (its {@code lang}), e.g. {@code vi}. */
        public String getLanguage() {
            return language;
        }

        public List<TextLink> getTexts() {
            return texts;
        }

        /** The text's paragraphs, each as its lines. */
        public List<List<String>> getParagraphs() {
            return paragraphs;
        }

        /** What the reader should know about this text's languages; null if nothing. */
        public String getNote() {
            return note;
        }

        /** Null when this is the current version (it can be signed); else the current version's page. */
        public String getCurrentHref() {
            return currentHref;
        }

        /** When the person's signature of this very version stops counting; null if they have none. */
        public String getSignedUntil() {
            return signedUntil;
        }

        public String getTypedName() {
            return typedName;
        }

        public String getDisplayName() {
            return displayName;
        }
    }

    /** {@code /acknowledgements/receipts/{id}}: one of the person's own receipts. */
    public static final class ReceiptPage extends PageView {
        private final Acknowledgement receipt;
        private final List<Line> lines;
        private final boolean justSigned;
        private final String fingerprint;
        private final boolean keyRotated;
        private final String fileName;

        ReceiptPage(PageContext page, String title, Acknowledgement receipt, List<Line> lines, boolean justSigned,
                    String currentFingerprint) {
            super("acknowledgements/receipt.ftlh", page, title);
            this.receipt = receipt;
            this.lines = List.copyOf(lines);
            this.justSigned = justSigned;
            this.fingerprint = grouped(receipt.keyFingerprint());
            this.keyRotated = !currentFingerprint.equalsIgnoreCase(receipt.keyFingerprint());
            this.fileName = fileName(receipt);
        }

        /** Whether the gateway signs with another key now (the key file still holds this one). */
        public boolean isKeyRotated() {
            return keyRotated;
        }

        public Acknowledgement getReceipt() {
            return receipt;
        }

        public List<Line> getLines() {
            return lines;
        }

        public boolean isJustSigned() {
            return justSigned;
        }

        /** The signing key's fingerprint in groups of four, as GnuPG prints it. */
        public String getFingerprint() {
            return fingerprint;
        }

        /** The receipt's file name when downloaded; the signature's is this with {@code .asc}. */
        public String getFileName() {
            return fileName;
        }
    }

    /** {@code /acknowledgements/paper}: the form staff fill in from a paper sign-off. */
    public static final class PaperForm extends PageView {
        private final PaperAcknowledgement values;
        private final List<AcknowledgementService.RequiredDocument> documents;
        private final List<TextLink> languages;
        private final String example;

        PaperForm(PageContext page, List<FormError> errors, PaperAcknowledgement values,
                  List<AcknowledgementService.RequiredDocument> documents, List<TextLink> languages, String example) {
            super("acknowledgements/paper.ftlh", page, page.messages().get("ack.paper.title"), errors);
            this.values = values;
            this.documents = List.copyOf(documents);
            this.languages = List.copyOf(languages);
            this.example = example;
        }

        /** What was typed, to fill the form again after an error (empty strings, never null). */
        public PaperAcknowledgement getValues() {
            return values;
        }

        public List<AcknowledgementService.RequiredDocument> getDocuments() {
            return documents;
        }

        public List<TextLink> getLanguages() {
            return languages;
        }

        /** Today, as the date hint's example. */
        public String getExample() {
            return example;
        }

        /** The document's title in the reader's language. */
        public String documentTitle(String documentId, String fallback) {
            return AcknowledgementPages.title(getPage(), documentId, fallback);
        }
    }

    /** {@code /acknowledgements/paper/{id}}: what was recorded. */
    public static final class PaperDone extends PageView {
        private final List<Line> lines;

        PaperDone(PageContext page, List<Line> lines) {
            super("acknowledgements/paper-done.ftlh", page, page.messages().get("ack.paper.done.title"));
            this.lines = List.copyOf(lines);
        }

        public List<Line> getLines() {
            return lines;
        }
    }

    // ---- reading and signing -------------------------------------------------------------------

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public Overview overview(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        Requester me = page.requester();
        AcknowledgementService.StatusReport report = acknowledgements.report(me, null);
        List<DocumentRow> documents = new ArrayList<>();
        Instant until = null;
        for (AcknowledgementService.DocumentStatus document : report.documents()) {
            List<TextLink> texts = document.languages().stream().map(code -> new TextLink(code, languageName(code),
                    documentHref(document.documentId(), document.version(), code), false)).toList();
            documents.add(new DocumentRow(document.documentId(), document.version(),
                    title(page, document.documentId(), document.title()), document.status().name(),
                    page.messages().get("ack.status." + document.status().name()), tag(document.status()),
                    document.expiresAt() == null ? null : dateTime(page, document.expiresAt()), texts));
            if (document.expiresAt() != null && (until == null || document.expiresAt().isBefore(until))) {
                until = document.expiresAt();
            }
        }
        List<ReceiptRow> receipts = acknowledgements.list(me, null).stream().map(a -> new ReceiptRow(a.id(),
                title(page, a.documentId(), a.documentId()), a.version(), languageName(a.language()),
                page.messages().get("ack.method." + a.method()), dateTime(page, a.signedAt()),
                dateTime(page, a.expiresAt()))).toList();
        boolean current = report.status() == AcknowledgementStatus.CURRENT;
        return new Overview(page, current, current && until != null ? dateTime(page, until) : null,
                validity(page, acknowledgements.validity()), documents, receipts);
    }

    @GET
    @Path("{documentId}/{version}")
    @RolesAllowed(RoleNames.PERSON)
    public DocumentPage document(@Context ContainerRequestContext request, @PathParam("documentId") String documentId,
                                 @PathParam("version") String version, @QueryParam("language") String language) {
        PageContext page = pages.context(request);
        return documentPage(page, List.of(), documentId, version, language, "")
                .orElseThrow(() -> new NotFoundException("There is no such text."));
    }

    @POST
    @RolesAllowed(RoleNames.PERSON)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sign(@Context ContainerRequestContext request, @Context HttpServletRequest http,
                         @FormParam("documentId") String documentId, @FormParam("version") String version,
                         @FormParam("language") String language, @FormParam("typedName") String typedName) {
        PageContext page = pages.context(request);
        try {
            Acknowledgement signed = acknowledgements.acknowledge(page.requester(),
                    new NewAcknowledgement(documentId, version, language, typedName, null),
                    new AcknowledgementService.Client(http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT)));
            return Response.seeOther(URI.create("/acknowledgements/receipts/" + signed.id() + "?signed=true")).build();
        } catch (AcknowledgementException e) {
            if (e.status() != 400) {
                throw e;
            }
            // The name is the one thing the reader types; anything else wrong means the text they read can
            // no longer be signed (a new version came out meanwhile) or the form was tampered with.
            PageView.FormError error = "typedName".equals(e.field())
                    ? new PageView.FormError("typedName", page.messages().get("ack.sign.error.typedName", page.requester().displayName()))
                    : new PageView.FormError("sign", page.messages().get("ack.sign.error.document"));
            Optional<DocumentPage> again = documentPage(page, List.of(error), documentId, version, language,
                    typedName == null ? "" : typedName);
            if (again.isEmpty()) {
                throw e;
            }
            return Response.status(400).entity(again.get()).build();
        }
    }

    private Optional<DocumentPage> documentPage(PageContext page, List<PageView.FormError> errors, String documentId,
                                                String version, String language, String typedName) {
        Optional<PolicyDocuments.Document> document = acknowledgements.documents().document(documentId);
        Optional<PolicyDocuments.Version> found = document.flatMap(d -> d.version(version));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // Without a choice, the text in the page's language if there is one, else the first listed.
        String chosen = language == null || language.isEmpty()
                ? (found.get().texts().containsKey(page.lang()) ? page.lang() : found.get().texts().keySet().iterator().next())
                : language;
        Optional<PolicyDocuments.Text> text = found.get().text(chosen);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        boolean current = document.get().currentVersion().equals(version);
        List<TextLink> texts = found.get().texts().keySet().stream().map(code -> new TextLink(code, languageName(code),
                documentHref(documentId, version, code), code.equals(chosen))).toList();
        String noteKey = "ack.document." + documentId + ".note";
        String signedUntil = acknowledgements.report(page.requester(), null).documents().stream()
                .filter(d -> d.documentId().equals(documentId) && d.version().equals(version)
                        && d.status() == AcknowledgementStatus.CURRENT)
                .findFirst().map(d -> dateTime(page, d.expiresAt())).orElse(null);
        return Optional.of(new DocumentPage(page, errors, title(page, documentId, document.get().title()), documentId,
                version, date(page, found.get().published()), chosen, texts, paragraphs(text.get().text()),
                page.messages().has(noteKey) ? page.messages().get(noteKey) : null,
                current ? null : documentHref(documentId, document.get().currentVersion(), null), signedUntil, typedName));
    }

    // ---- receipts ------------------------------------------------------------------------------

    @GET
    @Path("receipts/{id}")
    @RolesAllowed(RoleNames.PERSON)
    public ReceiptPage receipt(@Context ContainerRequestContext request, @PathParam("id") String id,
                               @QueryParam("signed") boolean signed) {
        PageContext page = pages.context(request);
        Acknowledgement receipt = own(page.requester(), id);
        return new ReceiptPage(page, page.messages().get("ack.receipt.title", title(page, receipt.documentId(),
                receipt.documentId())), receipt, lines(page, receipt, false), signed, key.fingerprint());
    }

    @GET
    @Path("receipts/{id}/receipt.txt")
    @RolesAllowed(RoleNames.PERSON)
    @Produces(RECEIPT_TYPE)
    public Response receiptText(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Acknowledgement receipt = own(pages.context(request).requester(), id);
        // The exact bytes that were signed: gpg --verify checks them byte for byte.
        return download(receipt.receipt(), RECEIPT_TYPE, fileName(receipt));
    }

    @GET
    @Path("receipts/{id}/receipt.txt.asc")
    @RolesAllowed(RoleNames.PERSON)
    @Produces(SIGNATURE_TYPE)
    public Response receiptSignature(@Context ContainerRequestContext request, @PathParam("id") String id) {
        Acknowledgement receipt = own(pages.context(request).requester(), id);
        return download(receipt.signature(), SIGNATURE_TYPE, fileName(receipt) + ".asc");
    }

    /** Only the person's own: someone else's receipt is answered as if it did not exist. */
    private Acknowledgement own(Requester requester, String id) {
        return acknowledgements.own(requester, id).orElseThrow(() -> new NotFoundException("There is no such receipt."));
    }

    private static Response download(String content, String type, String fileName) {
        return Response.ok(content.getBytes(StandardCharsets.UTF_8), type)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"").build();
    }

    // ---- paper ---------------------------------------------------------------------------------

    @GET
    @Path("paper")
    @RolesAllowed(RoleNames.STAFF)
    public PaperForm paperForm(@Context ContainerRequestContext request) {
        return paperForm(pages.context(request), List.of(), new PaperAcknowledgement("", "", "", "", "", ""));
    }

    @POST
    @Path("paper")
    @RolesAllowed(RoleNames.STAFF)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recordPaper(@Context ContainerRequestContext request, @FormParam("username") String username,
                                @FormParam("documentId") String documentId, @FormParam("version") String version,
                                @FormParam("language") String language, @FormParam("signedOn") String signedOn,
                                @FormParam("witness") String witness) {
        PageContext page = pages.context(request);
        PaperAcknowledgement form = new PaperAcknowledgement(orEmpty(username), orEmpty(documentId), orEmpty(version),
                orEmpty(language), orEmpty(signedOn), orEmpty(witness));
        try {
            Acknowledgement recorded = acknowledgements.recordPaper(page.requester().actor(),
                    new PaperAcknowledgement(username == null ? null : username.strip(), documentId,
                            version == null ? null : version.strip(), language, signedOn == null ? null : signedOn.strip(),
                            witness));
            return Response.seeOther(URI.create("/acknowledgements/paper/" + recorded.id())).build();
        } catch (AcknowledgementException e) {
            if (e.status() != 400) {
                throw e;
            }
            String field = PAPER_FIELDS.contains(e.field()) ? e.field() : "username";
            String message = "signedOn".equals(field)
                    ? page.messages().get("ack.paper.error.signedOn", validity(page, acknowledgements.validity()))
                    : page.messages().get("ack.paper.error." + field);
            return Response.status(400).entity(paperForm(page, List.of(new PageView.FormError(field, message)), form)).build();
        }
    }

    @GET
    @Path("paper/{id}")
    @RolesAllowed(RoleNames.STAFF)
    public PaperDone paperDone(@Context ContainerRequestContext request, @PathParam("id") String id) {
        PageContext page = pages.context(request);
        Acknowledgement recorded = acknowledgements.find(page.requester(), id)
                .orElseThrow(() -> new NotFoundException("There is no such acknowledgement."));
        return new PaperDone(page, lines(page, recorded, true));
    }

    private static final Set<String> PAPER_FIELDS = Set.of("username", "documentId", "version", "language", "signedOn",
            "witness");

    private PaperForm paperForm(PageContext page, List<PageView.FormError> errors, PaperAcknowledgement values) {
        Set<String> languages = new LinkedHashSet<>();
        acknowledgements.requiredDocuments().forEach(d -> languages.addAll(d.languages()));
        return new PaperForm(page, errors, values, acknowledgements.requiredDocuments(), languages.stream()
                .map(code -> new TextLink(code, languageName(code), null, code.equals(values.language()))).toList(),
                LocalDate.now(page.zone()).toString());
    }

    // ---- formatting ----------------------------------------------------------------------------

    /** What a receipt says, line by line, in the reader's language. */
    private static List<Line> lines(PageContext page, Acknowledgement a, boolean person) {
        Messages m = page.messages();
        List<Line> lines = new ArrayList<>();
        if (person) {
            lines.add(new Line(m.get("ack.receipt.person"), a.username(), null));
        }
        lines.add(new Line(m.get("ack.receipt.document"), title(page, a.documentId(), a.documentId()), null));
        lines.add(new Line(m.get("ack.receipt.version"), a.version(), null));
        lines.add(new Line(m.get("ack.receipt.language"), languageName(a.language()), a.language()));
        lines.add(new Line(m.get("ack.receipt.method"), m.get("ack.method." + a.method()), null));
        if (a.signedOn() != null) {
            lines.add(new Line(m.get("ack.receipt.signedOn"), date(page, a.signedOn()), null));
            lines.add(new Line(m.get("ack.receipt.witness"), a.witness(), null));
        }
        lines.add(new Line(m.get("ack.receipt.signedAt"), dateTime(page, a.signedAt()), null));
        lines.add(new Line(m.get("ack.receipt.expiresAt"), dateTime(page, a.expiresAt()), null));
        lines.add(new Line(m.get("ack.receipt.recordedBy"), a.recordedBy(), null));
        lines.add(new Line(m.get("ack.receipt.sha256"), a.documentSha256(), null));
        return lines;
    }

    /** A document's title in the reader's language when the bundle has one, else as the index gives it. */
    static String title(PageContext page, String documentId, String fallback) {
        String key = "ack.document." + documentId + ".title";
        return page.messages().has(key) ? page.messages().get(key) : fallback;
    }

    static String languageName(String code) {
        return Language.of(code).map(Language::nativeName).orElse(code);
    }

    static String documentHref(String documentId, String version, String language) {
        return "/acknowledgements/" + documentId + "/" + version + (language == null ? "" : "?language=" + language);
    }

    private static String tag(AcknowledgementStatus status) {
        return switch (status) {
            case CURRENT -> "govuk-tag--green";
            case OUTDATED -> "govuk-tag--yellow";
            case MISSING, EXPIRED -> "govuk-tag--red";
        };
    }

    /** Paragraphs are separated by blank lines; a paragraph keeps its own line breaks. */
    static List<List<String>> paragraphs(String text) {
        List<List<String>> paragraphs = new ArrayList<>();
        for (String paragraph : text.split("\\R[ \\t]*\\R")) {
            List<String> lines = paragraph.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
            if (!lines.isEmpty()) {
                paragraphs.add(lines);
            }
        }
        return paragraphs;
    }

    static String validity(PageContext page, Period validity) {
        long months = validity.toTotalMonths();
        if (validity.getDays() == 0) {
            return page.messages().get("ack.validity.months", months);
        }
        return months == 0 ? page.messages().get("ack.validity.days", validity.getDays())
                : page.messages().get("ack.validity.monthsDays", months, page.number(validity.getDays()));
    }

    static String dateTime(PageContext page, Instant at) {
        return page.dateTime(OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    static String date(PageContext page, LocalDate date) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(page.language().locale()).format(date);
    }

    /** {@code 55A1C174...} as {@code 55A1 C174 ...}. */
    static String grouped(String fingerprint) {
        return fingerprint == null ? "" : fingerprint.replaceAll("(.{4})(?!$)", "$1 ");
    }

    static String fileName(Acknowledgement receipt) {
        return "receipt-" + receipt.id().substring(0, 8) + ".txt";
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
