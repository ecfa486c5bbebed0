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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.RoleNames;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionCalendar;
import org.membergateway.elections.ElectionInputException;
import org.membergateway.elections.ElectionService;
import org.membergateway.elections.NewElection;
import org.membergateway.elections.inspection.InspectionService;
import org.membergateway.elections.mailings.ElectionMailingService;
import org.membergateway.elections.mailings.MailingBodies;
import org.membergateway.elections.mailings.MailingKind;
import org.membergateway.elections.mailings.MailingStatus;
import org.membergateway.elections.mailings.MailingViews;
import org.membergateway.http.ApiException;
import org.membergateway.http.Page;
import org.membergateway.http.PathIds;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.vendors.VendorService;
import org.membergateway.vendors.VendorView;

/**
 * The election committee's pages (confidentiality §5; 29 U.S.C. 481(c)): {@code /elections}, every
 * election with its published terms; {@code /elections/new}, the form that enters one; and
 * {@code /elections/{id}}, one election with its calendar and, by role, the candidate's links, the
 * equal-treatment ledger (committee, auditors) and the committee's approval forms. Every check and
 * audit entry is the services', exactly as over {@code /api/v1/elections}: the pages only ask and
 * say the answer in the reader's words. None of them shows member data: counts and cents only.
 */
@Path("/elections")
@Page
@Produces(MediaType.TEXT_HTML)
public final class ElectionPages {

    /** Who may enter an election: the roles of {@code POST /api/v1/elections}. */
    static final Set<Role> ENTERERS = Set.of(Role.ADMIN, Role.ELECTION_COMMITTEE);
    /** Who reads the equal-treatment ledger: the roles of {@code GET /api/v1/elections/{id}/mailings}. */
    static final Set<Role> LEDGER_READERS = Set.of(Role.ELECTION_COMMITTEE, Role.AUDITOR);

    private final Pages pages;
    private final ElectionService elections;
    private final ElectionCalendar calendar;
    private final ElectionMailingService mailings;
    private final InspectionService inspections;
    private final VendorService vendors;
    private final java.time.Clock clock;

    public ElectionPages(Pages pages, ElectionService elections, ElectionCalendar calendar, ElectionMailingService mailings,
                         InspectionService inspections, VendorService vendors, java.time.Clock clock) {
        this.pages = pages;
        this.elections = elections;
        this.calendar = calendar;
        this.mailings = mailings;
        this.inspections = inspections;
        this.vendors = vendors;
        this.clock = clock;
    }

    /** The published terms in words: rate per channel in dollars and cents, payment, lead days. */
    public record Terms(String mailRate, String emailRate, String payment, String leadDays) {
    }

    /** One election on the list or its page, in the reader's words. */
    public record Row(String id, String href, String name, String office, String electorate, String nominationsClose,
                      String ballotsMailed, String electionDay, Terms terms) {
    }

    /** One choice of a select. */
    public record Choice(String value, String label, boolean selected) {
    }

    public static final class Listing extends PageView {
        private final List<Row> elections;
        private final boolean mayEnter;

        Listing(PageContext page, List<Row> elections, boolean mayEnter) {
            super("elections/index.ftlh", page, page.messages().get("elections.title"));
            this.elections = List.copyOf(elections);
            this.mayEnter = mayEnter;
        }

        public List<Row> getElections() {
            return elections;
        }

        public boolean isMayEnter() {
            return mayEnter;
        }
    }

    /** What the form had, shown again after a refusal. */
    public record Typed(String id, String name, String office, String scopeType, String scopeId,
                        String nominationsCloseOn, String ballotsMailedOn, String electionDay, String mailVendorId,
                        String emailVendorId) {
        static final Typed EMPTY = new Typed("", "", "", "", "", "", "", "", "", "");
    }

    public static final class Form extends PageView {
        private final Typed typed;
        private final List<Choice> offices;
        private final List<Choice> scopeTypes;
        private final List<Choice> mailVendors;
        private final List<Choice> emailVendors;

        Form(PageContext page, Typed typed, List<Choice> mailVendors, List<Choice> emailVendors, List<FormError> errors) {
            super("elections/new.ftlh", page, page.messages().get("elections.new.title"), errors);
            Messages m = page.messages();
            this.typed = typed;
            this.offices = Arrays.stream(Office.values()).map(o -> new Choice(o.name(), m.get("people.office." + o.name()),
                    o.name().equals(typed.office()))).toList();
            this.scopeTypes = Arrays.stream(ScopeType.values()).map(s -> new Choice(s.name(),
                    m.get("elections.scopeType." + s.name()), s.name().equals(typed.scopeType()))).toList();
            this.mailVendors = mailVendors;
            this.emailVendors = emailVendors;
        }

        public Typed getTyped() {
            return typed;
        }

        public List<Choice> getOffices() {
            return offices;
        }

        public List<Choice> getScopeTypes() {
            return scopeTypes;
        }

        /** Active vendors with a mail-house agreement in force; the first choice is "choose one". */
        public List<Choice> getMailVendors() {
            return mailVendors;
        }

        /** Active vendors with an agreement in force; the first choice is "none". */
        public List<Choice> getEmailVendors() {
            return emailVendors;
        }
    }

    /** One mailing or notice of the ledger, in words; {@code pending} ones carry the committee's form. */
    public record LedgerRow(long id, String kind, String candidate, String title, String channel, String part,
                            String pieces, String rate, String cost, String status, String statusCode, String dates,
                            boolean pending) {
    }

    /** A candidate's list inspection, as the ledger shows it. */
    public record InspectionRow(String candidate, String openedAt) {
    }

    public static final class Detail extends PageView {
        private final Row election;
        private final String flagWindow;
        private final String inspectionWindow;
        private final String banner;
        private final boolean candidate;
        private final boolean staff;
        private final boolean ledger;
        private final boolean committee;
        private final List<String> warnings;
        private final List<LedgerRow> mailings;
        private final List<InspectionRow> inspections;
        private final Map<Long, String> notes;

        Detail(PageContext page, Row election, String flagWindow, String inspectionWindow, String banner,
               boolean candidate, boolean staff, boolean ledger, boolean committee, List<String> warnings,
               List<LedgerRow> mailings, List<InspectionRow> inspections, Map<Long, String> notes,
               List<FormError> errors) {
            super("elections/election.ftlh", page, election.name(), errors);
            this.election = election;
            this.flagWindow = flagWindow;
            this.inspectionWindow = inspectionWindow;
            this.banner = banner;
            this.candidate = candidate;
            this.staff = staff;
            this.ledger = ledger;
            this.committee = committee;
            this.warnings = List.copyOf(warnings);
            this.mailings = List.copyOf(mailings);
            this.inspections = List.copyOf(inspections);
            this.notes = Map.copyOf(notes);
        }

        public Row getElection() {
            return election;
        }

        public String getFlagWindow() {
            return flagWindow;
        }

        public String getInspectionWindow() {
            return inspectionWindow;
        }

        /** What was just done (entered, approved, rejected); null otherwise. */
        public String getBanner() {
            return banner;
        }

        /** The reader is a declared, not withdrawn candidate of this election. */
        public boolean isCandidate() {
            return candidate;
        }

        public boolean isStaff() {
            return staff;
        }

        /** The reader may see the equal-treatment ledger. */
        public boolean isLedger() {
            return ledger;
        }

        /** The reader decides pending mailings. */
        public boolean isCommittee() {
            return committee;
        }

        public List<String> getWarnings() {
            return warnings;
        }

        public List<LedgerRow> getMailings() {
            return mailings;
        }

        public List<InspectionRow> getInspections() {
            return inspections;
        }

        public int getMaxNote() {
            return ElectionMailingService.MAX_NOTE;
        }

        /** The note typed for a mailing, shown again after a refusal. */
        public String noteOf(long id) {
            return notes.getOrDefault(id, "");
        }
    }

    // ---- the list -------------------------------------------------------------------------------

    @GET
    @RolesAllowed(RoleNames.PERSON)
    public Listing list(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        Messages m = page.messages();
        List<Row> rows = elections.list().stream().map(e -> row(m, e)).toList();
        return new Listing(page, rows, page.hasAny(ENTERERS));
    }

    // ---- entering one ---------------------------------------------------------------------------

    @GET
    @Path("new")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.ELECTION_COMMITTEE})
    public Form form(@Context ContainerRequestContext request) {
        return form(pages.context(request), Typed.EMPTY, List.of());
    }

    @POST
    @Path("new")
    @RolesAllowed({RoleNames.ADMIN, RoleNames.ELECTION_COMMITTEE})
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@Context ContainerRequestContext request, @FormParam("id") String id,
                           @FormParam("name") String name, @FormParam("office") String office,
                           @FormParam("scopeType") String scopeType, @FormParam("scopeId") String scopeId,
                           @FormParam("nominationsCloseOn") String nominationsCloseOn,
                           @FormParam("ballotsMailedOn") String ballotsMailedOn,
                           @FormParam("electionDay") String electionDay, @FormParam("mailVendorId") String mailVendorId,
                           @FormParam("emailVendorId") String emailVendorId) {
        PageContext page = pages.context(request);
        Typed typed = new Typed(strip(id), orEmpty(name), strip(office), strip(scopeType), strip(scopeId),
                strip(nominationsCloseOn), strip(ballotsMailedOn), strip(electionDay), strip(mailVendorId),
                strip(emailVendorId));
        Messages m = page.messages();
        // A vendor is chosen from a select; anything else is refused on its field before the service is asked.
        // None chosen goes to the service, which says the mail house is required.
        Long mail = vendorId(typed.mailVendorId());
        if (mail == null && !typed.mailVendorId().isEmpty()) {
            return refused(page, typed, 400, "mailVendorId", m.get("elections.error.mailVendorId"));
        }
        Long email = vendorId(typed.emailVendorId());
        if (email == null && !typed.emailVendorId().isEmpty()) {
            return refused(page, typed, 400, "emailVendorId", m.get("elections.error.emailVendorId"));
        }
        // STATEWIDE has one id; the page fills it in rather than asking for it.
        String scope = ScopeType.STATEWIDE.name().equals(typed.scopeType()) && typed.scopeId().isEmpty()
                ? ScopeType.STATEWIDE_ID : typed.scopeId();
        NewElection input = new NewElection(typed.id(), typed.name(), typed.office(), typed.scopeType(), scope,
                typed.nominationsCloseOn(), blankToNull(typed.ballotsMailedOn()), typed.electionDay(), mail, email);
        try {
            Election created = elections.create(page.requester().actor(), input);
            return Response.seeOther(UriBuilder.fromPath("/elections/{id}").queryParam("created", "1")
                    .build(created.id())).build();
        } catch (ElectionInputException e) {
            if (e.status() >= 500 || e.status() == 404) {
                throw e;
            }
            String field = FORM_FIELDS.contains(e.field()) ? e.field() : "id";
            // The service names the field as the API does ("electionDay: ..."); the page names it by its label.
            String detail = e.getMessage();
            if (e.field() != null && detail.startsWith(e.field() + ": ") && FORM_FIELDS.contains(e.field())) {
                detail = m.get("elections.label." + e.field()) + ": " + detail.substring(e.field().length() + 2);
            }
            return refused(page, typed, e.status(), field, m.get("elections.error.refused", detail));
        }
    }

    private static final Set<String> FORM_FIELDS = Set.of("id", "name", "office", "scopeType", "scopeId",
            "nominationsCloseOn", "ballotsMailedOn", "electionDay", "mailVendorId", "emailVendorId");

    private Response refused(PageContext page, Typed typed, int status, String field, String message) {
        return Response.status(status).entity(form(page, typed, List.of(new PageView.FormError(field, message)))).build();
    }

    private Form form(PageContext page, Typed typed, List<PageView.FormError> errors) {
        Messages m = page.messages();
        LocalDate today = LocalDate.now(clock);
        List<VendorView> all = vendors.list().stream().filter(VendorView::active).toList();
        List<Choice> mail = new ArrayList<>();
        mail.add(new Choice("", m.get("elections.vendor.choose"), typed.mailVendorId().isEmpty()));
        List<Choice> email = new ArrayList<>();
        email.add(new Choice("", m.get("elections.vendor.none"), typed.emailVendorId().isEmpty()));
        for (VendorView v : all) {
            String value = String.valueOf(v.id());
            // The service refuses any other; the select offers only those it would take today.
            if (inForce(v, "ELECTION_LITERATURE", today)) {
                mail.add(new Choice(value, v.name(), value.equals(typed.mailVendorId())));
            }
            if (inForce(v, "ELECTION_LITERATURE", today)) {
                email.add(new Choice(value, v.name(), value.equals(typed.emailVendorId())));
            }
        }
        return new Form(page, typed, mail, email, errors);
    }

    private static boolean inForce(VendorView vendor, String service, LocalDate today) {
        return vendor.agreements().stream().map(a -> a.asOf(today)).anyMatch(a -> Boolean.TRUE.equals(a.inForce())
                && service.equals(a.service()));
    }

    // ---- one election ---------------------------------------------------------------------------

    @GET
    @Path("{id}")
    @RolesAllowed(RoleNames.PERSON)
    public Detail show(@Context ContainerRequestContext request, @PathParam("id") String id,
                       @QueryParam("created") String created, @QueryParam("decided") String decided) {
        PageContext page = pages.context(request);
        Election election = elections.find(id);
        Messages m = page.messages();
        String banner = null;
        if (created != null) {
            banner = m.get("elections.created", election.name());
        } else if (decided != null && page.hasAny(LEDGER_READERS)) {
            banner = PathIds.positive(decided).flatMap(mid -> decidedBanner(m, election, mid)).orElse(null);
        }
        return detail(page, election, banner, List.of(), Map.of());
    }

    @POST
    @Path("{id}/mailings/{mid}/approval")
    @RolesAllowed(RoleNames.ELECTION_COMMITTEE)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@Context ContainerRequestContext request, @PathParam("id") String id,
                           @PathParam("mid") String mid, @FormParam("approve") String approve,
                           @FormParam("note") String note) {
        PageContext page = pages.context(request);
        Election election = elections.find(id);
        long mailing = PathIds.positive(mid).orElseThrow(() -> ElectionInputException.notFound("no such mailing"));
        Boolean decision = "true".equals(approve) ? Boolean.TRUE : "false".equals(approve) ? Boolean.FALSE : null;
        Messages m = page.messages();
        try {
            mailings.decide(page.requester(), election.id(), mailing, new MailingBodies.Approval(decision, note));
        } catch (ApiException e) {
            if (e.status() >= 500 || e.status() == 404) {
                throw e;
            }
            String field = "note".equals(e.field()) ? "note-" + mailing : "approve-" + mailing;
            String key = "elections.refusal." + e.error();
            String message = m.has(key) ? m.get(key) : m.get("elections.error.refused", e.getMessage());
            return Response.status(e.status()).entity(detail(page, election, null,
                    List.of(new PageView.FormError(field, message)), Map.of(mailing, note == null ? "" : note))).build();
        }
        return Response.seeOther(UriBuilder.fromPath("/elections/{id}").queryParam("decided", mailing)
                .fragment("mailing-" + mailing).build(election.id())).build();
    }

    private Detail detail(PageContext page, Election election, String banner, List<PageView.FormError> errors,
                          Map<Long, String> notes) {
        Messages m = page.messages();
        Requester me = page.requester();
        InspectionService.Window window = InspectionService.Window.of(election);
        String inspectionWindow = window.isEmpty() ? m.get("inspection.windowNone")
                : m.get("inspection.window", window.first().toString(), window.last().toString());
        String flagWindow = m.get("elections.flagWindow", calendar.windowFrom(election).toString(),
                election.electionDay().toString());
        boolean candidate = mailings.isCandidate(election.id(), me.username());
        boolean ledger = page.hasAny(LEDGER_READERS);
        boolean committee = page.has(Role.ELECTION_COMMITTEE);
        List<String> warnings = List.of();
        List<LedgerRow> rows = List.of();
        List<InspectionRow> inspected = List.of();
        if (ledger) {
            MailingViews.Ledger book = mailings.ledger(election.id());
            Map<Long, MailingViews.Entry> byId = new LinkedHashMap<>();
            book.mailings().forEach(e -> byId.put(e.id(), e));
            warnings = book.warnings().stream().map(w -> warning(m, w, byId)).toList();
            rows = book.mailings().stream().map(e -> ledgerRow(page, e)).toList();
            inspected = book.inspections().stream()
                    .map(i -> new InspectionRow(i.candidate(), page.dateTime(i.openedAt()))).toList();
        }
        return new Detail(page, row(m, election), flagWindow, inspectionWindow, banner, candidate,
                page.has(Role.STAFF), ledger, committee, warnings, rows, inspected, notes, errors);
    }

    /** "Mailing 4 was approved and delivered to Union Election Mailer", or what else it is now. */
    private Optional<String> decidedBanner(Messages m, Election election, long mailingId) {
        return mailings.ledger(election.id()).mailings().stream().filter(e -> e.id() == mailingId).findFirst().map(e -> {
            long vendorId = e.channel() == org.membergateway.elections.mailings.MailingChannel.EMAIL
                    && election.emailVendorId() != null ? election.emailVendorId() : election.mailVendorId();
            String vendor = vendorName(vendorId);
            return switch (e.status()) {
                case DELIVERED -> m.get("elections.decided.delivered", e.id(), vendor);
                case APPROVED -> m.get("elections.decided.approved", e.id(), vendor);
                case REJECTED -> m.get("elections.decided.rejected", e.id());
                case PENDING_APPROVAL -> null;
            };
        });
    }

    private String vendorName(long vendorId) {
        try {
            return vendors.get(vendorId).name();
        } catch (ApiException e) {
            // A vendor is never deleted while an election names it; should it be, its number still says which.
            return "#" + vendorId;
        }
    }

    private static LedgerRow ledgerRow(PageContext page, MailingViews.Entry e) {
        Messages m = page.messages();
        String who = e.kind() == MailingKind.OFFICIAL_NOTICE ? m.get("elections.ledger.union", e.requestedBy())
                : e.candidate();
        String part = scope(m, e.scope().type(), e.scope().id());
        String dates = m.get("elections.ledger.asked", page.dateTime(e.createdAt()))
                + (e.decidedAt() == null ? "" : "; " + m.get("elections.ledger.decidedBy", page.dateTime(e.decidedAt()),
                e.decidedBy()))
                + (e.deliveredAt() == null ? "" : "; " + m.get("elections.ledger.delivered", page.dateTime(e.deliveredAt())));
        return new LedgerRow(e.id(), m.get("elections.kind." + e.kind().name()), who, e.title(),
                m.get("elections.channel." + e.channel().name()), part, page.number(e.pieces()), money(m, e.rateCents()),
                money(m, e.costCents()), m.get("elections.status." + e.status().name()), e.status().name(), dates,
                e.status() == MailingStatus.PENDING_APPROVAL);
    }

    /** A ledger warning in the reader's words, naming the candidate and what another had. */
    private static String warning(Messages m, MailingViews.Warning w, Map<Long, MailingViews.Entry> byId) {
        String detail = w.detail() == null ? "" : w.detail();
        return switch (w.code()) {
            case "FEWER_MAILINGS" -> {
                String[] counts = detail.split("/", 2);
                Long own = counts.length == 2 ? count(counts[0]) : null;
                Long most = counts.length == 2 ? count(counts[1]) : null;
                // Counts as numbers, so each language writes "no mailing", "one", "2" its own way.
                yield own != null && most != null ? m.get("elections.warning.FEWER_MAILINGS", w.candidate(),
                        m.get("elections.warning.approvedMailings", own), w.other(), m.number(most)) : w.message();
            }
            case "CHANNEL_NOT_HAD" -> m.get("elections.warning.CHANNEL_NOT_HAD", w.candidate(), w.other(),
                    m.get("elections.channel." + detail));
            case "SCOPE_NOT_HAD" -> {
                String[] scope = detail.split(":", 2);
                yield scope.length == 2 ? m.get("elections.warning.SCOPE_NOT_HAD", w.candidate(), w.other(),
                        scope(m, scope[0], scope[1])) : w.message();
            }
            case "INSPECTION_NOT_HAD" -> m.get("elections.warning.INSPECTION_NOT_HAD", w.candidate(), w.other());
            case "UNEQUAL_RATES" -> {
                MailingViews.Entry e = PathIds.positive(detail).map(byId::get).orElse(null);
                yield e == null ? w.message() : m.get("elections.warning.UNEQUAL_RATES", e.id(),
                        m.get("elections.channel." + e.channel().name()), money(m, e.rateCents()));
            }
            // A warning the pages do not know yet is still shown, in the service's words.
            default -> w.message();
        };
    }

    private static Row row(Messages m, Election e) {
        Terms terms = new Terms(money(m, e.terms().mailRateCents()),
                e.emailVendorId() == null ? m.get("elections.terms.noEmail") : money(m, e.terms().emailRateCents()),
                m.get(e.terms().paymentInAdvance() ? "elections.terms.inAdvance" : "elections.terms.afterDelivery"),
                m.get("elections.terms.leadDays", e.terms().leadDays()));
        return new Row(e.id(), "/elections/" + URLEncoder.encode(e.id(), StandardCharsets.UTF_8), e.name(),
                m.get("people.office." + e.office().name()), scope(m, e.scopeType().name(), e.scopeId()),
                e.nominationsCloseOn().toString(),
                e.ballotsMailedOn() == null ? m.get("elections.ballotsNotMailed") : e.ballotsMailedOn().toString(),
                e.electionDay().toString(), terms);
    }

    /** Cents as dollars and cents, e.g. $0.62 or $1,240.00. */
    static String money(Messages m, long cents) {
        java.text.NumberFormat format = java.text.NumberFormat.getCurrencyInstance(java.util.Locale.US);
        return m.get("elections.money", format.format(java.math.BigDecimal.valueOf(cents, 2)));
    }

    private static String scope(Messages m, String scopeType, String scopeId) {
        return ScopeType.STATEWIDE.name().equals(scopeType) ? m.get("people.scope.statewide")
                : m.get("people.scopeType." + scopeType, scopeId);
    }

    /** A count the service wrote as digits; null if it is not one. */
    private static Long count(String value) {
        return value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit) ? null
                : Long.parseLong(value);
    }

    private static Long vendorId(String value) {
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }

    private static String strip(String value) {
        return value == null ? "" : value.strip();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
