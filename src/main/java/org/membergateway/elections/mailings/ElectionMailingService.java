package org.membergateway.elections.mailings;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionDao;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.http.ApiException;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AccessRequestBody.ScopeBody;
import org.membergateway.policy.Audience;
import org.membergateway.policy.MemberCounts;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.PolicyFacts;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RowSet;
import org.membergateway.policy.ScopeType;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.RequestStatus;
import org.membergateway.vendors.VendorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Candidates' literature mailings and official election notices (confidentiality §5; the LMRDA,
 * 29 U.S.C. 481(c), 29 CFR 452.67-452.73; docs/elections.md).
 *
 * <p>A declared candidate asks the union to distribute a piece of literature, named by its title and
 * SHA-256, to all or part of the electorate. The gateway counts the pieces (the members the channel
 * reaches: a count, never who they are) and prices them at the election's stored rate, the same for
 * every candidate. The election committee approves on eligibility and terms alone, never the content
 * (452.70); its approval makes the vendor extract, a VENDOR_SERVICE list request of the committee
 * member, which the gateway builds encrypted to the vendor's pinned key. Nothing the candidate is
 * answered holds member data. Staff send official notices the same way, at the union's cost.
 * Every step is audited inside its transaction, with no member data in the entry.
 */
public final class ElectionMailingService {

    public static final int MAX_TITLE = 200;
    public static final int MAX_NOTE = 1000;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern ELECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    /** The grant that allows the committee's extracts (policies/rules.yml), named in the approval's audit entry. */
    static final String GRANT = "ELECTION_COMMITTEE_LITERATURE_DELIVERY";
    private static final Logger LOG = LoggerFactory.getLogger(ElectionMailingService.class);

    private final Jdbi jdbi;
    private final PolicyFacts facts;
    private final MemberCounts counts;
    private final VendorService vendors;
    private final ExportBuilder exports;
    private final AuditTrail audit;
    private final Clock clock;

    /** @param clock in the union's time zone: an election is over after its election day there */
    public ElectionMailingService(Jdbi jdbi, PolicyFacts facts, MemberCounts counts, VendorService vendors,
                                  ExportBuilder exports, AuditTrail audit, Clock clock) {
        this.jdbi = jdbi;
        this.facts = facts;
        this.counts = counts;
        this.vendors = vendors;
        this.exports = exports;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a new mailing is before it is stored: its election, channel, placed scope, pieces and rate. */
    private record Planned(Election election, MailingChannel channel, PlacedScope scope, String title, String sha256,
                           long pieces, int rateCents) {
        long costCents() {
            return pieces * rateCents;
        }
    }

    // ---- candidates' literature ---------------------------------------------------------------

    /**
     * What the literature form offers a person, before they ask: the election, whether they are a
     * declared, not withdrawn candidate of it (the same test {@link #submit} makes), and its published
     * terms. Read only and not audited: it holds no member data. 404 for no such election.
     */
    public record Offer(Election election, boolean candidate, MailingViews.Terms terms) {
        /** EMAIL is offered only when the election names an email vendor. */
        public boolean email() {
            return election.emailVendorId() != null;
        }
    }

    public Offer offer(Requester person, String electionId) {
        Election election = election(electionId);
        boolean candidate = jdbi.withExtension(ElectionMailingDao.class,
                dao -> dao.candidacy(election.id(), person.username())).isPresent();
        return new Offer(election, candidate, terms(election));
    }

    /**
     * {@code POST /elections/{id}/mailings}: a declared, not withdrawn candidate of the election asks
     * for a mailing. With {@code dryRun} nothing is stored and the quote is answered (audited as QUOTED).
     */
    public Object submit(Requester candidate, String electionId, MailingBodies.Mailing body, boolean dryRun) {
        if (body == null) {
            throw new InvalidParameterException("body", "expected a JSON object with channel, scope?, title and literatureSha256");
        }
        Election election = election(electionId);
        ElectionMailingDao.Candidacy candidacy = jdbi.withExtension(ElectionMailingDao.class,
                dao -> dao.candidacy(election.id(), candidate.username()))
                .orElseThrow(() -> MailingException.forbidden("NOT_A_CANDIDATE", "only a declared candidate of election "
                        + election.id() + " may ask for a mailing of its literature"));
        Planned planned = plan(election, body.channel(), true, body.scope(), body.title(), body.literatureSha256());
        String target = "election:" + election.id() + "/mailing";
        if (dryRun) {
            audit.record(AuditEvent.of(AuditEventType.DECISION, candidate.actor(), target + ":quote").withDecision("QUOTED"));
            return quote(planned);
        }
        return jdbi.inTransaction(h -> {
            long id = h.attach(ElectionMailingDao.class).insert(election.id(), MailingKind.CANDIDATE_LITERATURE.name(),
                    candidate.username(), candidacy.id(), planned.channel().name(), planned.scope().type().name(),
                    planned.scope().id(), planned.title(), planned.sha256(), planned.pieces(), planned.rateCents(), now());
            audit.record(AuditEvent.of(AuditEventType.DECISION, candidate.actor(), target + ":" + id)
                    .withDecision(MailingStatus.PENDING_APPROVAL.name()));
            return new MailingViews.Created(id, MailingStatus.PENDING_APPROVAL, planned.pieces(), planned.rateCents(),
                    planned.costCents());
        });
    }

    // ---- official notices ---------------------------------------------------------------------

    /**
     * {@code POST /elections/{id}/notices} (STAFF): an official notice of the election, the §5
     * exception. It goes through the mail-house (or email) vendor like a candidate's literature and is
     * approved by the election committee the same way; the union bears its cost; no person gets a list.
     */
    public MailingViews.Created notice(Requester staff, String electionId, MailingBodies.Notice body) {
        if (body == null) {
            throw new InvalidParameterException("body", "expected a JSON object with title, literatureSha256, channel? and scope?");
        }
        Election election = election(electionId);
        Planned planned = plan(election, body.channel(), false, body.scope(), body.title(), body.literatureSha256());
        return jdbi.inTransaction(h -> {
            long id = h.attach(ElectionMailingDao.class).insert(election.id(), MailingKind.OFFICIAL_NOTICE.name(),
                    staff.username(), null, planned.channel().name(), planned.scope().type().name(), planned.scope().id(),
                    planned.title(), planned.sha256(), planned.pieces(), planned.rateCents(), now());
            audit.record(AuditEvent.of(AuditEventType.DECISION, staff.actor(), "election:" + election.id() + "/notice:" + id)
                    .withDecision(MailingStatus.PENDING_APPROVAL.name()));
            return new MailingViews.Created(id, MailingStatus.PENDING_APPROVAL, planned.pieces(), planned.rateCents(),
                    planned.costCents());
        });
    }

    // ---- the committee's decision -------------------------------------------------------------

    /**
     * {@code POST /elections/{id}/mailings/{mid}/approval} (ELECTION_COMMITTEE): approve or reject on
     * eligibility and terms only, never the content (29 CFR 452.70). Not the requester, not a declared
     * candidate of the election. An approval makes the vendor extract (decided by the policy on the
     * vendor's agreement, audited) in the same transaction, then builds it to the vendor's pinned key.
     */
    public ElectionMailing decide(Requester committee, String electionId, long mailingId, MailingBodies.Approval body) {
        if (body == null || body.approve() == null) {
            throw new InvalidParameterException("approve", "approve: required, true or false");
        }
        String note = body.note() == null ? "" : body.note().strip();
        if (note.length() > MAX_NOTE || note.replace('\n', ' ').chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("note", "note: at most " + MAX_NOTE + " characters, no control characters");
        }
        Election election = election(electionId);
        boolean approve = body.approve();
        ElectionMailing decided = jdbi.inTransaction(h -> {
            ElectionMailingDao dao = h.attach(ElectionMailingDao.class);
            ElectionMailing mailing = dao.lock(election.id(), mailingId)
                    .orElseThrow(() -> MailingException.notFound("election " + election.id() + " has no mailing " + mailingId));
            if (mailing.status() != MailingStatus.PENDING_APPROVAL) {
                throw MailingException.conflict("NOT_PENDING", "mailing " + mailingId + " is " + mailing.status()
                        + "; only a pending mailing can be decided");
            }
            if (mailing.requestedBy().equals(committee.username())) {
                throw MailingException.forbidden("SELF_APPROVAL", "nobody decides their own mailing (confidentiality §9)");
            }
            // confidentiality §5, 29 CFR 452.67: a candidate never decides on the literature of the race they run in.
            if (dao.candidacy(election.id(), committee.username()).isPresent()) {
                throw MailingException.forbidden("APPROVER_IS_CANDIDATE", "you are a declared candidate in election "
                        + election.id() + ", so you may not decide its mailings (confidentiality §5)");
            }
            String target = "election:" + election.id() + "/mailing:" + mailingId;
            if (!approve) {
                dao.decide(mailingId, MailingStatus.REJECTED.name(), committee.username(), now(), note, null);
                audit.record(AuditEvent.of(AuditEventType.APPROVAL, committee.actor(), target)
                        .withDecision(MailingStatus.REJECTED.name()));
                return dao.find(election.id(), mailingId).orElseThrow();
            }
            checkEligibleAndOnTerms(dao, election, mailing);
            long vendorId = vendorFor(election, mailing.channel());
            AccessRequestBody extract = new AccessRequestBody(Purpose.VENDOR_SERVICE.name(), null,
                    new ScopeBody(mailing.scopeType().name(), mailing.scopeId()), null, Audience.MEMBERS.name(),
                    mailing.channel().name(), mailing.channel().fields(),
                    "Election " + election.id() + ", mailing " + mailingId + " (" + mailing.kind() + "), approved by the"
                            + " election committee (confidentiality §5; 29 CFR 452.67)");
            // Decided and stored (or refused, audited) inside this transaction: no approval without its extract.
            ListRequest request = vendors.requestElectionExtract(committee, vendorId, extract);
            dao.decide(mailingId, MailingStatus.APPROVED.name(), committee.username(), now(), note, request.id());
            audit.record(AuditEvent.of(AuditEventType.APPROVAL, committee.actor(), target)
                    .withDecision(MailingStatus.APPROVED.name()).withReasons(List.of(GRANT)));
            return dao.find(election.id(), mailingId).orElseThrow();
        });
        if (decided.status() == MailingStatus.APPROVED) {
            return deliver(committee, decided);
        }
        return decided;
    }

    /**
     * Builds the approved mailing's extract to the vendor's pinned key, once its list request is
     * approved (a statewide or very large list waits for its own approval first, policies/rules.yml):
     * the mailing is then DELIVERED, ready for the vendor to pull. A build that fails leaves it
     * APPROVED; the committee member who approved it can build it at POST /list-requests/{id}/exports.
     */
    private ElectionMailing deliver(Requester committee, ElectionMailing mailing) {
        boolean ready = jdbi.withHandle(h -> h.createQuery("SELECT status FROM list_requests WHERE id = :id")
                .bind("id", mailing.listRequestId()).mapTo(String.class).findOne()
                .map(RequestStatus.APPROVED.name()::equals).orElse(false));
        if (!ready) {
            return mailing;
        }
        try {
            exports.create(committee, mailing.listRequestId(), new ExportBuilder.ExportBody("RECIPIENT_KEY"));
        } catch (ApiException | IllegalStateException e) {
            // The reason names no member data; the mailing stays APPROVED and its extract can be built again.
            LOG.warn("election mailing {}: extract {} not built: {}", mailing.id(), mailing.listRequestId(), e.getMessage());
            return mailing;
        }
        return jdbi.inTransaction(h -> {
            ElectionMailingDao dao = h.attach(ElectionMailingDao.class);
            dao.delivered(mailing.id(), now());
            return dao.find(mailing.electionId(), mailing.id()).orElseThrow();
        });
    }

    /** Eligibility and terms, nothing else (29 CFR 452.70): the candidacy stands, the election is on, the rate is the published one. */
    private void checkEligibleAndOnTerms(ElectionMailingDao dao, Election election, ElectionMailing mailing) {
        if (election.isOver(today())) {
            throw MailingException.conflict("ELECTION_OVER", "election " + election.id() + " was on " + election.electionDay());
        }
        if (mailing.kind() == MailingKind.CANDIDATE_LITERATURE) {
            Optional<ElectionMailingDao.Candidacy> standing = dao.candidacy(election.id(), mailing.requestedBy());
            if (standing.isEmpty() || standing.get().id() != mailing.candidacyId()) {
                throw MailingException.conflict("NOT_A_CANDIDATE", "the candidacy mailing " + mailing.id()
                        + " was asked under is withdrawn; only a declared candidate's literature is distributed");
            }
        }
        if (mailing.rateCents() != rate(election, mailing.channel())) {
            throw MailingException.conflict("TERMS_DIFFER", "mailing " + mailing.id() + " was priced at "
                    + mailing.rateCents() + " cents a piece, not the election's published rate");
        }
    }

    // ---- the equal-treatment ledger -----------------------------------------------------------

    /** {@code GET /elections/{id}/mailings} (ELECTION_COMMITTEE, AUDITOR). */
    public MailingViews.Ledger ledger(String electionId) {
        Election election = election(electionId);
        return jdbi.withHandle(h -> {
            ElectionMailingDao dao = h.attach(ElectionMailingDao.class);
            List<ElectionMailingDao.Candidacy> candidacies = dao.candidacies(election.id());
            List<ElectionMailing> mailings = dao.byElection(election.id());
            Map<Long, String> offices = new LinkedHashMap<>();
            candidacies.forEach(c -> offices.put(c.id(), c.office()));
            List<MailingViews.Entry> entries = mailings.stream().map(m -> new MailingViews.Entry(m.id(), m.kind(),
                    m.kind() == MailingKind.CANDIDATE_LITERATURE ? m.requestedBy() : null,
                    m.candidacyId() == null ? null : offices.get(m.candidacyId()), m.requestedBy(), m.channel(),
                    new ScopeBody(m.scopeType().name(), m.scopeId()), m.title(), m.literatureSha256(), m.pieces(),
                    m.rateCents(), m.costCents(), m.status(), m.createdAt(), m.decidedBy(), m.decidedAt(),
                    m.decisionNote(), m.listRequestId(), m.deliveredAt())).toList();
            Set<String> candidates = new TreeSet<>();
            candidacies.forEach(c -> candidates.add(c.username()));
            List<MailingViews.InspectionEntry> inspections = dao.inspections(election.id()).stream()
                    .map(i -> new MailingViews.InspectionEntry(i.username(), i.openedAt())).toList();
            List<MailingViews.Warning> warnings = new ArrayList<>(warnings(election, candidates, mailings));
            warnings.addAll(inspectionsNotHad(candidates, inspections));
            List<MailingViews.Warning> unequal = unequalRates(election, mailings);
            warnings.addAll(unequal);
            return new MailingViews.Ledger(election.id(), terms(election), List.copyOf(candidates), entries,
                    inspections, unequal.isEmpty(), warnings);
        });
    }

    /**
     * One warning per candidate and thing another candidate of the election has had and they have
     * not: fewer approved mailings, a channel, a part of the electorate. The committee then offers it
     * to them (equal access; 29 CFR 452.67). Withdrawn candidates are not compared.
     */
    static List<MailingViews.Warning> warnings(Election election, Set<String> candidates, List<ElectionMailing> mailings) {
        Map<String, List<ElectionMailing>> had = new TreeMap<>();
        candidates.forEach(c -> had.put(c, new ArrayList<>()));
        for (ElectionMailing m : mailings) {
            if (m.kind() == MailingKind.CANDIDATE_LITERATURE && m.granted() && had.containsKey(m.requestedBy())) {
                had.get(m.requestedBy()).add(m);
            }
        }
        List<MailingViews.Warning> warnings = new ArrayList<>();
        int most = had.values().stream().mapToInt(List::size).max().orElse(0);
        String leader = had.entrySet().stream().filter(e -> e.getValue().size() == most).map(Map.Entry::getKey)
                .findFirst().orElse(null);
        for (Map.Entry<String, List<ElectionMailing>> entry : had.entrySet()) {
            String candidate = entry.getKey();
            List<ElectionMailing> own = entry.getValue();
            if (own.size() < most) {
                warnings.add(new MailingViews.Warning("FEWER_MAILINGS", candidate, "candidate " + candidate + " has had "
                        + own.size() + " approved mailing(s); candidate " + leader + " has had " + most
                        + ": offer " + candidate + " the same", leader, own.size() + "/" + most));
            }
            Set<MailingChannel> ownChannels = new TreeSet<>();
            Set<String> ownScopes = new TreeSet<>();
            own.forEach(m -> {
                ownChannels.add(m.channel());
                ownScopes.add(m.scopeKey());
            });
            Map<MailingChannel, String> otherChannels = new TreeMap<>();
            Map<String, String> otherScopes = new TreeMap<>();
            had.forEach((other, theirs) -> {
                if (!other.equals(candidate)) {
                    theirs.forEach(m -> {
                        otherChannels.putIfAbsent(m.channel(), other);
                        otherScopes.putIfAbsent(m.scopeKey(), other);
                    });
                }
            });
            otherChannels.forEach((channel, other) -> {
                if (!ownChannels.contains(channel)) {
                    warnings.add(new MailingViews.Warning("CHANNEL_NOT_HAD", candidate, "candidate " + other + " had an "
                            + channel + " mailing approved that candidate " + candidate + " has not had", other, channel.name()));
                }
            });
            otherScopes.forEach((scope, other) -> {
                if (!ownScopes.contains(scope)) {
                    warnings.add(new MailingViews.Warning("SCOPE_NOT_HAD", candidate, "candidate " + other + " had a mailing"
                            + " approved to " + scope.replace(':', ' ') + " that candidate " + candidate + " has not had", other, scope));
                }
            });
        }
        return warnings;
    }

    /** Equal terms: every candidate's mailing priced at the election's published rate for its channel. */
    /**
     * A warning for each candidate who has not inspected the list while another has: every candidate
     * may, once (29 CFR 452.71), and the committee makes sure each knows it.
     */
    static List<MailingViews.Warning> inspectionsNotHad(Set<String> candidates, List<MailingViews.InspectionEntry> inspections) {
        Set<String> inspected = new TreeSet<>();
        inspections.forEach(i -> inspected.add(i.candidate()));
        if (inspected.isEmpty()) {
            return List.of();
        }
        String first = inspections.get(0).candidate();
        List<MailingViews.Warning> warnings = new ArrayList<>();
        for (String candidate : candidates) {
            if (!inspected.contains(candidate)) {
                warnings.add(new MailingViews.Warning("INSPECTION_NOT_HAD", candidate, "candidate " + first
                        + " has inspected the membership list; candidate " + candidate + " has not (29 CFR 452.71)", first, null));
            }
        }
        return warnings;
    }

    static List<MailingViews.Warning> unequalRates(Election election, List<ElectionMailing> mailings) {
        Set<String> seen = new LinkedHashSet<>();
        List<MailingViews.Warning> warnings = new ArrayList<>();
        for (ElectionMailing m : mailings) {
            if (m.kind() == MailingKind.CANDIDATE_LITERATURE && m.rateCents() != rate(election, m.channel())
                    && seen.add(m.channel() + ":" + m.rateCents())) {
                warnings.add(new MailingViews.Warning("UNEQUAL_RATES", null, "mailing " + m.id() + " was priced at "
                        + m.rateCents() + " cents a piece by " + m.channel() + "; the election's published rate is "
                        + rate(election, m.channel()), null, String.valueOf(m.id())));
            }
        }
        return warnings;
    }

    // ---- for the pages ------------------------------------------------------------------------

    /** Whether the person is a declared, not withdrawn candidate of the election (the pages offer them its links). */
    public boolean isCandidate(String electionId, String username) {
        Election election = election(electionId);
        return jdbi.withExtension(ElectionMailingDao.class, dao -> dao.candidacy(election.id(), username)).isPresent();
    }

    /** The ids of the elections, not over today, in which the person is a declared, not withdrawn candidate. */
    public List<String> candidateIn(String username) {
        return jdbi.withExtension(ElectionMailingDao.class, dao -> dao.candidateIn(username, today()));
    }

    /** How many mailings and official notices wait for the election committee's decision (elections not over). */
    public long pendingCount() {
        return jdbi.withExtension(ElectionMailingDao.class, dao -> dao.pendingCount(today()));
    }

    // ---- shared -------------------------------------------------------------------------------

    private Planned plan(Election election, String channelName, boolean channelRequired, ScopeBody scopeBody,
                         String title, String sha256) {
        if (election.isOver(today())) {
            throw MailingException.conflict("ELECTION_OVER", "election " + election.id() + " was on " + election.electionDay());
        }
        MailingChannel channel = channel(channelName, channelRequired);
        if (channel == MailingChannel.EMAIL && election.emailVendorId() == null) {
            throw MailingException.conflict("NO_EMAIL_VENDOR", "election " + election.id()
                    + " names no email vendor, so it distributes literature by MAIL only");
        }
        String cleanTitle = title == null ? "" : title.strip();
        if (cleanTitle.isEmpty() || cleanTitle.length() > MAX_TITLE || cleanTitle.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidParameterException("title", "title: required, 1-" + MAX_TITLE + " characters, one line");
        }
        String digest = sha256 == null ? "" : sha256.strip().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(digest).matches()) {
            throw new InvalidParameterException("literatureSha256", "literatureSha256: the SHA-256 of the literature, 64 hex digits");
        }
        PlacedScope electorate = place(election.scopeType(), election.scopeId())
                .orElseThrow(() -> MailingException.conflict("ELECTORATE_UNKNOWN", "election " + election.id()
                        + "'s electorate " + election.scopeType() + " " + election.scopeId() + " is not in the directory"));
        PlacedScope scope = electorate;
        if (scopeBody != null) {
            ScopeType type = ScopeType.parse(scopeBody.type()).orElseThrow(() -> new InvalidParameterException("scope.type",
                    "scope.type: one of " + List.of(ScopeType.values())));
            if (scopeBody.id() == null || scopeBody.id().isBlank()) {
                throw new InvalidParameterException("scope.id", "scope.id: required");
            }
            scope = place(type, scopeBody.id().strip()).orElseThrow(() -> new InvalidParameterException("scope.id",
                    "scope.id: no such " + type));
            if (!electorate.contains(scope)) {
                throw new InvalidParameterException("scope", "scope: must lie within the electorate of election "
                        + election.id() + " (" + electorate.describe() + ")");
            }
        }
        AccessRequest reach = new AccessRequest(Purpose.VENDOR_SERVICE, null, scope, null, Audience.MEMBERS,
                channel.channel(), channel.fields(), "");
        long pieces = counts.count(reach, RowSet.ALL);
        return new Planned(election, channel, scope, cleanTitle, digest, pieces, rate(election, channel));
    }

    private Optional<PlacedScope> place(ScopeType type, String id) {
        return type == ScopeType.STATEWIDE ? Optional.of(PlacedScope.STATEWIDE) : facts.place(type, id);
    }

    private static MailingChannel channel(String name, boolean required) {
        if (name == null && !required) {
            return MailingChannel.MAIL;
        }
        for (MailingChannel channel : MailingChannel.values()) {
            if (channel.name().equals(name)) {
                return channel;
            }
        }
        throw new InvalidParameterException("channel", "channel: MAIL or EMAIL");
    }

    private static long vendorFor(Election election, MailingChannel channel) {
        if (channel == MailingChannel.EMAIL) {
            if (election.emailVendorId() == null) {
                throw MailingException.conflict("NO_EMAIL_VENDOR", "election " + election.id() + " names no email vendor");
            }
            return election.emailVendorId();
        }
        return election.mailVendorId();
    }

    static int rate(Election election, MailingChannel channel) {
        return channel == MailingChannel.EMAIL ? election.terms().emailRateCents() : election.terms().mailRateCents();
    }

    private static MailingViews.Quote quote(Planned p) {
        return new MailingViews.Quote(true, p.channel().name(), new ScopeBody(p.scope().type().name(), p.scope().id()),
                p.pieces(), p.rateCents(), p.costCents(), p.election().terms().paymentInAdvance(),
                p.election().terms().leadDays());
    }

    private static MailingViews.Terms terms(Election election) {
        Map<String, Integer> rates = new LinkedHashMap<>();
        rates.put(MailingChannel.MAIL.name(), election.terms().mailRateCents());
        rates.put(MailingChannel.EMAIL.name(), election.terms().emailRateCents());
        return new MailingViews.Terms(rates, election.terms().paymentInAdvance(), election.terms().leadDays());
    }

    private Election election(String id) {
        if (id == null || !ELECTION_ID.matcher(id).matches()) {
            throw MailingException.notFound("no such election");
        }
        return jdbi.withExtension(ElectionDao.class, dao -> dao.find(id))
                .orElseThrow(() -> MailingException.notFound("no such election"));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
