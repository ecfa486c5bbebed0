package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.directory.DirectoryPolicyFacts;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.MemberSelectionDao;
import org.membergateway.members.MembershipStatus;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.AcknowledgementLookup;
import org.membergateway.policy.AcknowledgementStatus;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.Office;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.PolicyEngine;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.RecordingAuditTrail;
import org.membergateway.audit.AuditTally;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;
import org.membergateway.vendors.ServiceKind;
import org.membergateway.vendors.VendorAgreementDao;
import org.membergateway.vendors.VendorDao;
import org.membergateway.vendors.VendorExtractAgreements;

/**
 * The request workflow's rules on a real database with a clock the test moves: who may approve,
 * what expires when, and when an approval no longer covers an export. The HTTP mapping has its
 * own tests ({@link ListRequestsResourceTest}); one end-to-end test goes over HTTP and gpg.
 */
class ListRequestServiceIntegrationTest {

    static TestDatabases.SplitRoles db;
    static UnionFixture union;
    static final MutableClock CLOCK = MutableClock.startingNow();
    static final RequestsConfiguration CONFIG = new RequestsConfiguration();
    static final Set<String> SIGNED = new HashSet<>();
    static RecordingAuditTrail audit;
    static ListRequestService requests;
    static Requester officer;
    static Requester president;
    static Requester otherPresident;
    static Requester auditor;
    static Requester executiveDirector;
    static Requester staff;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.openFreshWithAppRole();
        union = UnionFixture.in(db.superuser())
                .local("L083", "R3", "STATE_AGENCIES")
                .local("L084", "R3", "STATE_AGENCIES")
                .members("L083", "M", 40, MembershipStatus.MEMBER);
        officer = signed(union.person("officer83", Role.LOCAL_OFFICER, "L083"));
        president = signed(union.person("president83", Role.LOCAL_PRESIDENT, "L083"));
        otherPresident = signed(union.person("president84", Role.LOCAL_PRESIDENT, "L084"));
        auditor = signed(union.person("auditor1", Role.AUDITOR));
        executiveDirector = signed(union.person("director1", Role.EXECUTIVE_DIRECTOR));
        staff = signed(union.person("staff1", Role.STAFF));
        audit = new RecordingAuditTrail();
        requests = service(db.app(), audit);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static ListRequestService service(Jdbi jdbi, RecordingAuditTrail trail) {
        AcknowledgementLookup acknowledgements = new AcknowledgementLookup() {
            @Override
            public AcknowledgementStatus status(String username, Instant now) {
                return SIGNED.contains(username) ? AcknowledgementStatus.CURRENT : AcknowledgementStatus.MISSING;
            }

            @Override
            public String whereToSign() {
                return "Sign at /acknowledgements.";
            }
        };
        DecisionService decisions = new DecisionService(
                new PolicyEngine(PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS)),
                new DirectoryPolicyFacts(jdbi), new MemberSelectionDao(jdbi), acknowledgements, trail, CLOCK);
        return new ListRequestService(jdbi, decisions, trail,
                new AuditTally(jdbi, trail, CLOCK, java.time.Duration.ofMinutes(5), 20), CONFIG, CLOCK);
    }

    static Requester signed(Requester person) {
        SIGNED.add(person.username());
        return person;
    }

    static AccessRequestBody localEmail(String local) {
        return new AccessRequestBody("LOCAL_COMMUNICATION", null, new AccessRequestBody.ScopeBody("LOCAL", local), null,
                "MEMBERS", "EMAIL", List.of("first_name", "last_name", "home_email"), "Bargaining update");
    }

    static ListRequest pendingFromOfficer() {
        ListRequest request = requests.create(officer, localEmail("L083"));
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
        return request;
    }

    static ApprovalBody yes() {
        return new ApprovalBody(true, "fine");
    }

    @Test
    void anOfficersRequestWaitsForTheirLocalPresidentAndKeepsItsDecisionTyped() {
        OffsetDateTime asked = OffsetDateTime.now(CLOCK);
        ListRequest request = pendingFromOfficer();

        assertThat(request.approvers()).containsExactly(new Approver(Role.LOCAL_PRESIDENT, ScopeType.LOCAL, "L083"));
        assertThat(request.escalations()).containsExactly(RuleId.APPROVAL_REQUIRED);
        assertThat(request.reasons()).extracting(r -> r.rule()).containsExactly(RuleId.APPROVAL_REQUIRED);
        assertThat(request.request().scope().region()).as("placed as the directory places it").isEqualTo("R3");
        assertThat(request.request().fields()).containsExactly("first_name", "last_name", "home_email");
        assertThat(request.expiresAt().toInstant()).isEqualTo(asked.plus(CONFIG.getPendingFor().toJavaDuration()).toInstant());
        assertThat(audit.last().target()).isEqualTo("list-request:" + request.id());
        assertThat(audit.last().decision()).isEqualTo("PENDING_APPROVAL");

        ListRequest approved = requests.recordApproval(president, request.id(), yes());
        assertThat(approved.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(approved.approval().approver()).isEqualTo("president83");
        assertThat(approved.expiresAt()).isAfter(request.expiresAt());
        assertThat(audit.last().decision()).isEqualTo("APPROVED");
    }

    @Test
    void nobodyApprovesTheirOwnRequest() {
        ListRequest request = pendingFromOfficer();
        assertThatThrownBy(() -> requests.recordApproval(officer, request.id(), yes()))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("their own request")
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("SELF_APPROVAL");
        assertThat(requests.get(officer, request.id()).status()).isEqualTo(RequestStatus.PENDING_APPROVAL);
    }

    @Test
    void anotherLocalsPresidentCannotSeeOrDecideIt() {
        ListRequest request = pendingFromOfficer();
        assertThatThrownBy(() -> requests.get(otherPresident, request.id()))
                .extracting(e -> ((ListRequestException) e).status()).isEqualTo(404);
        assertThatThrownBy(() -> requests.recordApproval(otherPresident, request.id(), yes()))
                .extracting(e -> ((ListRequestException) e).status()).isEqualTo(404);
        assertThat(requests.list(otherPresident).awaitingMyApproval()).extracting(ListRequest::id).doesNotContain(request.id());
        assertThat(requests.list(president).awaitingMyApproval()).extracting(ListRequest::id).contains(request.id());
    }

    @Test
    void probingRequestsOneMayNotSeeIsTalliedPerCallerAndWindowWithoutTheIds() {
        Requester prober = signed(union.person("prober84", Role.LOCAL_PRESIDENT, "L084"));
        ListRequest request = pendingFromOfficer();
        int before = audit.events().size();
        for (int i = 0; i < 50; i++) {
            assertThatThrownBy(() -> requests.get(prober, request.id()))
                    .extracting(e -> ((ListRequestException) e).status()).isEqualTo(404);
            long nonexistent = request.id() + 100_000 + i;
            assertThatThrownBy(() -> requests.get(prober, nonexistent))
                    .extracting(e -> ((ListRequestException) e).status()).isEqualTo(404);
        }
        List<org.membergateway.audit.AuditEvent> recorded = audit.events().subList(before, audit.events().size());
        assertThat(recorded).as("the first refusal of the window, once").hasSize(1);
        org.membergateway.audit.AuditEvent first = recorded.get(0);
        assertThat(first.type()).isEqualTo(org.membergateway.audit.AuditEventType.ACCESS_REFUSED);
        assertThat(first.actor()).isEqualTo("prober84");
        assertThat(first.decision()).isEqualTo("DENIED");
        assertThat(first.reasons()).containsExactly("LIST_REQUEST_NOT_VISIBLE");
        assertThat(first.rows()).isEqualTo(1);
        assertThat(first.target()).as("when, and nothing about what was asked for")
                .matches("window:\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z");

        CLOCK.advance(java.time.Duration.ofMinutes(6));
        new AuditTally(db.app(), audit, CLOCK, java.time.Duration.ofMinutes(5), 20).summariseClosedWindows();
        List<org.membergateway.audit.AuditEvent> summaries = audit.events().stream()
                .filter(e -> e.actor().equals("prober84") && "TALLIED".equals(e.decision())).toList();
        assertThat(summaries).hasSize(1);
        assertThat(summaries.get(0).rows()).as("every refusal of the window").isEqualTo(100);
        assertThat(summaries.get(0).target()).isEqualTo(first.target());
    }

    @Test
    void anAuditorSeesEveryRequestButDecidesNone() {
        ListRequest pending = pendingFromOfficer();
        assertThat(requests.get(auditor, pending.id()).id()).isEqualTo(pending.id());
        assertThatThrownBy(() -> requests.recordApproval(auditor, pending.id(), yes()))
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("NOT_AN_APPROVER");
        // Allowed outright, it names no approver at all: still a plain refusal, never a failure.
        ListRequest allowed = requests.create(president, localEmail("L083"));
        assertThat(allowed.status()).isEqualTo(RequestStatus.APPROVED);
        assertThatThrownBy(() -> requests.recordApproval(auditor, allowed.id(), yes()))
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("NOT_AN_APPROVER");
    }

    @Test
    void aRequestNobodyDecidedInTimeExpires() {
        ListRequest request = pendingFromOfficer();
        CLOCK.advance(CONFIG.getPendingFor().toJavaDuration().plusMinutes(1));

        assertThat(requests.get(officer, request.id()).statusAt(OffsetDateTime.now(CLOCK)))
                .isEqualTo(RequestStatus.EXPIRED);
        assertThat(requests.list(president).awaitingMyApproval()).extracting(ListRequest::id).doesNotContain(request.id());
        assertThatThrownBy(() -> requests.recordApproval(president, request.id(), yes()))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("EXPIRED")
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("NOT_PENDING");
    }

    @Test
    void aRequestIsDecidedOnce() {
        ListRequest request = pendingFromOfficer();
        requests.recordApproval(president, request.id(), new ApprovalBody(false, "not now"));
        assertThatThrownBy(() -> requests.recordApproval(president, request.id(), yes()))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("REJECTED")
                .extracting(e -> ((ListRequestException) e).status()).isEqualTo(409);
        assertThat(requests.get(officer, request.id()).status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void anApprovalIsExportableUntilItsValidityEnds() {
        ListRequest approved = requests.recordApproval(president, pendingFromOfficer().id(), yes());
        assertThat(requests.approvedForExport(officer, approved.id()).id()).isEqualTo(approved.id());
        assertThatThrownBy(() -> requests.approvedForExport(president, approved.id()))
                .as("only its requester exports it").extracting(e -> ((ListRequestException) e).status()).isEqualTo(404);

        CLOCK.advance(CONFIG.getApprovedFor().toJavaDuration().plusMinutes(1));
        assertThatThrownBy(() -> requests.approvedForExport(officer, approved.id()))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("past its approval's validity")
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("NOT_APPROVED");
    }

    @Test
    void aPendingRequestIsNotExportable() {
        ListRequest request = pendingFromOfficer();
        assertThatThrownBy(() -> requests.approvedForExport(officer, request.id()))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("PENDING_APPROVAL");
    }

    @Test
    void anApprovalDoesNotCoverACandidacyDeclaredSince() {
        Requester candidate = signed(union.person("president83c", Role.LOCAL_PRESIDENT, "L083"));
        ListRequest allowed = requests.create(candidate, localEmail("L083"));
        assertThat(allowed.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(requests.redecide(candidate, allowed, null).allowed()).isTrue();

        union.candidacy("president83c", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", "L083-2027");
        int before = audit.events().size();
        assertThatThrownBy(() -> requests.redecide(candidate, requests.approvedForExport(candidate, allowed.id()), null))
                .isInstanceOf(ListRequestException.class).hasMessageContaining("EXECUTIVE_DIRECTOR")
                .extracting(e -> ((ListRequestException) e).error()).isEqualTo("APPROVAL_OUTDATED");
        AuditEvent recorded = audit.last();
        assertThat(audit.events()).hasSize(before + 1);
        assertThat(recorded.target()).isEqualTo("list-request:" + allowed.id() + ":export");
        assertThat(recorded.reasons()).contains(RuleId.CANDIDATE_IN_SCOPE.name());
    }

    @Test
    void anExtractIsNoLongerExportableOnceItsAgreementEnded() {
        long vendorId = db.app().withExtension(VendorDao.class, vendors -> vendors.insertVendor("Mail house", new byte[32]));
        VendorAgreementDao.Terms terms = new VendorAgreementDao.Terms(ServiceKind.MAIL_HOUSE,
                List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip"), "Mailing",
                LocalDate.now(CLOCK).minusDays(1), LocalDate.now(CLOCK).plusYears(1), "test key",
                "0123456789ABCDEF0123456789ABCDEF01234567", false, null);
        long agreementId = db.app().withExtension(VendorAgreementDao.class, dao -> dao.insert(vendorId, terms, "admin"));
        VendorExtractAgreements agreements = new VendorExtractAgreements(db.app());
        AccessRequestBody body = new AccessRequestBody("VENDOR_SERVICE", null, new AccessRequestBody.ScopeBody("LOCAL", "L083"),
                null, "REPRESENTED_WORKERS", null, List.of("first_name", "last_name", "home_street"), "Mailing");
        ListRequest extract = requests.createExtract(staff, body, agreements.agreement(agreementId).orElseThrow(), vendorId);
        assertThat(extract.isVendorExtract()).isTrue();
        assertThat(extract.approvers()).extracting(Approver::role).containsExactly(Role.EXECUTIVE_DIRECTOR, Role.DESIGNEE);
        requests.recordApproval(executiveDirector, extract.id(), yes());

        ListRequest approved = requests.approvedForExport(staff, extract.id());
        Decision today = requests.redecide(staff, approved, agreements.agreement(agreementId).orElseThrow());
        assertThat(today.outcome()).as("still covered by the executive director's approval").isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(today.approvers()).containsExactlyInAnyOrderElementsOf(approved.approvers());

        db.app().useExtension(VendorAgreementDao.class, dao -> dao.end(vendorId, agreementId, "admin"));
        AgreementFact ended = agreements.agreement(agreementId).orElseThrow();
        assertThatThrownBy(() -> requests.redecide(staff, approved, ended))
                .isInstanceOfSatisfying(RequestDeniedException.class, denied -> {
                    assertThat(denied.decision().ruleIds()).containsExactly(RuleId.AGREEMENT_INVALID.name());
                    assertThat(denied.auditSeq()).isEqualTo(audit.events().size());
                });
        assertThat(audit.last().decision()).isEqualTo("DENIED");
    }

    @Test
    void aDenialIsAuditedAndNothingIsStored() {
        long stored = TestDatabases.one(db.superuser(), "SELECT count(*) FROM list_requests", Long.class);
        assertThatThrownBy(() -> requests.create(officer, localEmail("L084")))
                .isInstanceOfSatisfying(RequestDeniedException.class, denied -> {
                    assertThat(denied.decision().ruleIds()).containsExactly(RuleId.OUT_OF_SCOPE.name());
                    assertThat(denied.auditSeq()).isEqualTo(audit.events().size());
                });
        assertThat(audit.last().target()).isEqualTo("list-request:denied:LOCAL_COMMUNICATION:LOCAL:L084");
        assertThat(TestDatabases.one(db.superuser(), "SELECT count(*) FROM list_requests", Long.class)).isEqualTo(stored);
    }

    @Test
    void withoutASignedAcknowledgementEveryRequestIsDenied() {
        Requester unsigned = union.person("officer83u", Role.LOCAL_OFFICER, "L083");
        assertThatThrownBy(() -> requests.create(unsigned, localEmail("L083")))
                .isInstanceOfSatisfying(RequestDeniedException.class, denied -> assertThat(denied.decision().ruleIds())
                        .contains(RuleId.ACKNOWLEDGEMENT_REQUIRED.name()));
    }

    @Test
    void whenTheAuditTrailCannotRecordNothingIsStoredOrDecided() {
        RecordingAuditTrail failing = new RecordingAuditTrail();
        ListRequestService withoutTrail = service(db.app(), failing);
        ListRequest pending = withoutTrail.create(officer, localEmail("L083"));
        failing.refuse();
        long stored = TestDatabases.one(db.superuser(), "SELECT count(*) FROM list_requests", Long.class);

        assertThatThrownBy(() -> withoutTrail.create(officer, localEmail("L083"))).isInstanceOf(AuditUnavailableException.class);
        assertThatThrownBy(() -> withoutTrail.recordApproval(president, pending.id(), yes()))
                .isInstanceOf(AuditUnavailableException.class);
        assertThat(TestDatabases.one(db.superuser(), "SELECT count(*) FROM list_requests", Long.class)).isEqualTo(stored);
        assertThat(requests.get(officer, pending.id()).status()).as("the approval rolled back").isEqualTo(RequestStatus.PENDING_APPROVAL);
        assertThat(TestDatabases.one(db.superuser(), "SELECT count(*) FROM list_request_approvals WHERE request_id = "
                + pending.id(), Long.class)).isZero();
    }

    @Test
    void vendorExtractsAreNotAskedForAsListRequests() {
        AccessRequestBody vendorPurpose = new AccessRequestBody("VENDOR_SERVICE", null,
                new AccessRequestBody.ScopeBody("LOCAL", "L083"), null, "MEMBERS", null, List.of("first_name"), "");
        assertThatThrownBy(() -> requests.create(staff, vendorPurpose))
                .isInstanceOf(org.membergateway.http.InvalidParameterException.class).hasMessageContaining("/vendors/{id}/extracts");
    }

    /** Issue 15 point 10: a purpose's row cap counts the requester's exports of the window, asked local by local. */
    @Test
    void aRowCapCountsTheRequestersEarlierListsForThePurposeInTheWindow() {
        Requester director = union.person("director3", Set.of(Role.DIRECTOR), Set.of(), Set.of("R3"), Set.of());
        DecisionService decisions = new DecisionService(
                new PolicyEngine(PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS)),
                new DirectoryPolicyFacts(db.app()), new MemberSelectionDao(db.app()), new AcknowledgementLookup() {
                    @Override
                    public AcknowledgementStatus status(String username, Instant now) {
                        return AcknowledgementStatus.CURRENT;
                    }

                    @Override
                    public String whereToSign() {
                        return "";
                    }
                }, audit, CLOCK, new ExportedEarlierLists(db.app()), java.time.Duration.ofDays(30));
        ListRequestService capped = new ListRequestService(db.app(), decisions, audit,
                new AuditTally(db.app(), audit, CLOCK, java.time.Duration.ofMinutes(5), 20), CONFIG, CLOCK);

        ListRequest first = capped.create(director, localEmail("L084"));
        assertThat(first.status()).as("nothing earlier").isEqualTo(RequestStatus.APPROVED);
        // Its export released 24,990 rows ten days ago, and an older one far more, 40 days ago.
        OffsetDateTime now = OffsetDateTime.now(CLOCK);
        insertReleased(first.id(), 24_990, now.minusDays(10));
        insertReleased(first.id(), 900_000, now.minusDays(40));

        ListRequest second = capped.create(director, localEmail("L083"));
        assertThat(second.status()).as("40 more rows pass the cap of 25,000 together").isEqualTo(RequestStatus.PENDING_APPROVAL);
        assertThat(second.escalations()).containsExactly(RuleId.LARGE_LIST_APPROVAL);
        assertThat(second.reasons().get(0).message()).contains("24990").contains("row-cap window");
        assertThat(capped.redecide(director, capped.get(director, first.id()), null).allowed())
                .as("a request's own exports are not earlier lists").isTrue();
        assertThat(capped.create(director, new AccessRequestBody("VOTING_DATA", null, new AccessRequestBody.ScopeBody("LOCAL", "L083"),
                new AccessRequestBody.FiltersBody(null, null, "E2026-BOARD-R3"), "MEMBERS", "EMAIL",
                List.of("first_name", "voted"), "Turnout")).status())
                .as("another purpose has its own cap").isEqualTo(RequestStatus.APPROVED);
    }

    private static void insertReleased(long requestId, long rows, OffsetDateTime at) {
        db.superuser().useHandle(h -> h.createUpdate("""
                INSERT INTO exports (id, request_id, encryption, status, rows_written, row_count, created_by, created_at,
                                     expires_at, max_downloads, destroyed_at, destroyed_reason)
                VALUES (gen_random_uuid(), :request, 'PASSPHRASE', 'DESTROYED', :rows, :rows, 'director3', :at, :at, 3, :at,
                        'EXPIRED')""").bind("request", requestId).bind("rows", rows).bind("at", at).execute());
    }
}
