package org.membergateway.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.audit.AuditFlags;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.directory.DirectoryPolicyFacts;
import org.membergateway.policy.Office;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Elections over HTTP against real PostgreSQL (confidentiality §5; 29 CFR 452.67–452.73): entering
 * one with the published terms, the terms every candidate reads, candidacies that name it, the end
 * of a candidacy with its election, and the calendar's flags.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class ElectionsApiIntegrationTest {

    /** The server's own clock, starting now: list requests are stamped by the database's clock. */
    public static class App extends GatewayApplication {
        static final MutableClock CLOCK = MutableClock.startingNow();

        @Override
        protected Clock clock(ZoneId zone) {
            return CLOCK;
        }
    }

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-16e";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(App.class, ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String COMMITTEE = basic("committee1", "committee-1-password");
    static final String AUDITOR = basic("auditor1", "auditor-1-password");
    static final String STAFF = basic("staff1", "staff-1-password");
    static final String OFFICER = basic("officer83", "officer-83-password");
    static final String CANDIDATE = basic("candidate84", "candidate-84-password");
    static ApiClient api;
    static Jdbi superuser;
    static long mailHouse;
    static long addressVendor;
    static long inactiveVendor;
    /** A MAIL_HOUSE agreement only: it may not receive a list of members, so it cannot deliver literature. */
    static long ordinaryMailHouse;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "STATE_AGENCIES")
                .local("L101", "R1", "UNIVERSITIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'E' || i, 'First' || i, 'Last' || i, CASE WHEN i <= 5 THEN 'L083' ELSE 'L084' END, 'R3',
                       'STATE_AGENCIES', 'MEMBER', 'e' || i || '@example.org'
                FROM generate_series(1, 10) AS i"""));
        // The committee member first: with no confirmer yet, the authority role holds at once.
        TestPeople.create(api, ADMIN, "committee1", "Test committee1", "committee-1-password", "ELECTION_COMMITTEE", null);
        TestPeople.create(api, ADMIN, "auditor1", "Test auditor1", "auditor-1-password", "AUDITOR", null);
        TestPeople.create(api, ADMIN, "staff1", "Test staff1", "staff-1-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "officer83", "Test officer83", "officer-83-password", "LOCAL_OFFICER", "L083");
        TestPeople.create(api, ADMIN, "steward83", "Test steward83", "steward-83-password", "STEWARD", "L083");
        TestPeople.create(api, ADMIN, "candidate84", "Test candidate84", "candidate-84-password", "LOCAL_OFFICER", "L084");
        mailHouse = vendorWithAgreement("Mail house", "ELECTION_LITERATURE", true);
        ordinaryMailHouse = vendorWithAgreement("Ordinary mail house", "MAIL_HOUSE", true);
        addressVendor = vendorWithAgreement("Address checker", "ADDRESS_VERIFICATION", true);
        inactiveVendor = vendorWithAgreement("Closed mail house", "ELECTION_LITERATURE", false);
    }

    /** A vendor with one agreement in force for {@code service}; {@code active} is the vendor's own flag. */
    static long vendorWithAgreement(String name, String service, boolean active) {
        return superuser.withHandle(h -> {
            long id = h.createQuery("INSERT INTO vendors (name, active) VALUES (:name, :active) RETURNING id")
                    .bind("name", name).bind("active", active).mapTo(Long.class).one();
            h.createUpdate("""
                    INSERT INTO vendor_agreements (vendor_id, service, allowed_fields, purpose, valid_from, valid_until,
                        openpgp_public_key, openpgp_fingerprint, signed_for_union_by, membership_status_required)
                    VALUES (:id, :service, ARRAY['first_name', 'home_street'], 'Deliveries', DATE '2020-01-01',
                        DATE '2099-12-31', 'key', :fingerprint, 'admin', false)""")
                    .bind("id", id).bind("service", service).bind("fingerprint", "A".repeat(40)).execute();
            return id;
        });
    }

    static LocalDate today() {
        return LocalDate.now(App.CLOCK);
    }

    static Map<String, Object> election(String id, String office, String scopeType, String scopeId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("name", "Election " + id);
        body.put("office", office);
        body.put("scopeType", scopeType);
        body.put("scopeId", scopeId);
        body.put("nominationsCloseOn", today().plusDays(20).toString());
        body.put("ballotsMailedOn", today().plusDays(30).toString());
        body.put("electionDay", today().plusDays(60).toString());
        body.put("mailVendorId", mailHouse);
        return body;
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return changed;
    }

    static int audited(String target) {
        return superuser.withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = :t AND decision = 'CREATED'")
                .bind("t", target).mapTo(Integer.class).one());
    }

    @Test
    void theCommitteeEntersAnElectionWithTheTermsPublishedThatDay() {
        Map<String, Object> body = with(election("E-BOARD-R3", "BOARD_SEAT", "REGION", "R3"), "emailVendorId", mailHouse);
        HttpResponse<String> created = api.postJson("/api/v1/elections", COMMITTEE, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode view = json(created);
        ElectionPolicy published = ElectionPolicy.load(PolicySource.bundled());
        assertThat(view.path("id").asText()).isEqualTo("E-BOARD-R3");
        assertThat(view.path("office").asText()).isEqualTo("BOARD_SEAT");
        assertThat(view.path("electionDay").asText()).isEqualTo(today().plusDays(60).toString());
        assertThat(view.path("terms").path("rates").path("MAIL").asInt()).isEqualTo(published.mailRateCents());
        assertThat(view.path("terms").path("rates").path("EMAIL").asInt()).isEqualTo(published.emailRateCents());
        assertThat(view.path("termsSha256").asText()).isEqualTo(published.sha256());
        assertThat(view.path("createdBy").asText()).isEqualTo("committee1");
        assertThat(audited("election:E-BOARD-R3")).isEqualTo(1);

        HttpResponse<String> terms = api.get("/api/v1/elections/E-BOARD-R3/terms", STAFF);
        assertThat(terms.statusCode()).as("any signed-in person reads the terms").isEqualTo(200);
        assertThat(json(terms).toString()).isEqualTo("{\"rates\":{\"MAIL\":" + published.mailRateCents() + ",\"EMAIL\":"
                + published.emailRateCents() + "},\"paymentInAdvance\":" + published.paymentInAdvance() + ",\"leadDays\":"
                + published.leadDays() + "}");
        assertThat(json(api.get("/api/v1/elections/E-BOARD-R3", CANDIDATE)).path("scopeId").asText()).isEqualTo("R3");
        assertThat(json(api.get("/api/v1/elections", CANDIDATE)).findValuesAsText("id")).contains("E-BOARD-R3");
        assertThat(api.get("/api/v1/elections/E-BOARD-R3/terms", null).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/elections/no-such/terms", STAFF).statusCode()).isEqualTo(404);

        HttpResponse<String> again = api.postJson("/api/v1/elections", ADMIN, body);
        assertThat(again.statusCode()).as("the id is taken").isEqualTo(409);
        assertThat(json(again).path("field").asText()).isEqualTo("id");
    }

    @Test
    void anElectionWithoutAnEmailVendorOffersNoEmailRate() {
        assertThat(api.postJson("/api/v1/elections", ADMIN, election("E-L101", "LOCAL_OFFICE", "LOCAL", "L101"))
                .statusCode()).isEqualTo(201);
        JsonNode rates = json(api.get("/api/v1/elections/E-L101/terms", OFFICER)).path("rates");
        assertThat(rates.has("MAIL")).isTrue();
        assertThat(rates.has("EMAIL")).isFalse();
    }

    @Test
    void onlyTheCommitteeAndAdminsEnterElections() {
        Map<String, Object> body = election("E-STAFF", "LOCAL_OFFICE", "LOCAL", "L083");
        assertThat(api.postJson("/api/v1/elections", STAFF, body).statusCode()).isEqualTo(403);
        assertThat(api.postJson("/api/v1/elections", OFFICER, body).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/elections/E-STAFF", ADMIN).statusCode()).as("nothing was entered").isEqualTo(404);
    }

    @Test
    void badInputIsA400NamingTheField() {
        Map<String, Object> good = election("E-BAD", "LOCAL_OFFICE", "LOCAL", "L083");
        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[] {"id", with(good, "id", "no spaces")});
        cases.add(new Object[] {"name", with(good, "name", " ")});
        cases.add(new Object[] {"office", with(good, "office", "MAYOR")});
        cases.add(new Object[] {"scopeType", with(good, "scopeType", "REGION")});
        cases.add(new Object[] {"scopeId", with(good, "scopeId", "L999")});
        cases.add(new Object[] {"scopeId", with(with(good, "office", "STATEWIDE_OFFICE"), "scopeType", "STATEWIDE")});
        cases.add(new Object[] {"electionDay", with(good, "electionDay", "next week")});
        cases.add(new Object[] {"electionDay", with(with(good, "electionDay", today().minusDays(1).toString()),
                "ballotsMailedOn", null)});
        cases.add(new Object[] {"nominationsCloseOn", with(good, "nominationsCloseOn", today().plusDays(61).toString())});
        cases.add(new Object[] {"ballotsMailedOn", with(good, "ballotsMailedOn", today().plusDays(10).toString())});
        cases.add(new Object[] {"ballotsMailedOn", with(good, "ballotsMailedOn", today().plusDays(61).toString())});
        cases.add(new Object[] {"mailVendorId", with(good, "mailVendorId", null)});
        cases.add(new Object[] {"mailVendorId", with(good, "mailVendorId", 999_999)});
        cases.add(new Object[] {"mailVendorId", with(good, "mailVendorId", inactiveVendor)});
        cases.add(new Object[] {"mailVendorId", with(good, "mailVendorId", addressVendor)});
        cases.add(new Object[] {"mailVendorId", with(good, "mailVendorId", ordinaryMailHouse)});
        cases.add(new Object[] {"emailVendorId", with(good, "emailVendorId", ordinaryMailHouse)});
        cases.add(new Object[] {"emailVendorId", with(good, "emailVendorId", inactiveVendor)});
        for (Object[] c : cases) {
            HttpResponse<String> response = api.postJson("/api/v1/elections", ADMIN, c[1]);
            assertThat(response.statusCode()).as(c[0] + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).path("field").asText()).as(response.body()).isEqualTo(c[0]);
        }
        assertThat(api.get("/api/v1/elections/E-BAD", ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void aCandidacyNamesAnElectionOnRecordAndRepeatsItsElectorate() {
        TestElections.insert(superuser, "E-L083-CAND", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", today().plusDays(5),
                null, today().plusDays(40), mailHouse, null);
        String path = "/api/v1/people/steward83/candidacies";
        HttpResponse<String> unknown = api.postJson(path, ADMIN, Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL",
                "scopeId", "L083", "electionId", "E-NONE"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("field").asText()).isEqualTo("electionId");
        HttpResponse<String> otherLocal = api.postJson(path, ADMIN, Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL",
                "scopeId", "L084", "electionId", "E-L083-CAND"));
        assertThat(otherLocal.statusCode()).as(otherLocal.body()).isEqualTo(400);
        assertThat(json(otherLocal).path("field").asText()).isEqualTo("electionId");
        HttpResponse<String> declared = api.postJson(path, ADMIN, Map.of("office", "LOCAL_OFFICE", "scopeType", "LOCAL",
                "scopeId", "L083", "electionId", "E-L083-CAND"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        // The table refuses one too (V23), whatever writes it.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> superuser.useHandle(h -> h.execute("""
                INSERT INTO candidacies (person_id, office, scope_type, scope_id, election_id, declared_by)
                SELECT id, 'LOCAL_OFFICE', 'LOCAL', 'L083', 'E-NONE', 'test' FROM people WHERE username = 'steward83'""")))
                .hasMessageContaining("candidacies_election_fk");
    }

    /** A local list for L084 by the candidate: in their own electorate, so escalated while the election runs. */
    static Map<String, Object> localEmailList(String local) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "LOCAL_COMMUNICATION");
        body.put("scope", Map.of("type", "LOCAL", "id", local));
        body.put("audience", "MEMBERS");
        body.put("channel", "EMAIL");
        body.put("fields", List.of("first_name", "home_email"));
        body.put("justification", "Bargaining update");
        return body;
    }

    static List<String> rules(HttpResponse<String> decision) {
        assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
        return json(decision).path("reasons").findValuesAsText("rule");
    }

    @Test
    void aCandidateIsEscalatedThroughElectionDayAndNotAfter() {
        LocalDate electionDay = today().plusDays(3);
        TestElections.insert(superuser, "E-L084-NOW", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L084", today(), null,
                electionDay, mailHouse, null);
        assertThat(api.postJson("/api/v1/people/candidate84/candidacies", ADMIN, Map.of("office", "LOCAL_OFFICE",
                "scopeType", "LOCAL", "scopeId", "L084", "electionId", "E-L084-NOW")).statusCode()).isEqualTo(201);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, CANDIDATE, "Test candidate84");

        assertThat(rules(api.postJson("/api/v1/decisions", CANDIDATE, localEmailList("L084"))))
                .contains("CANDIDATE_IN_SCOPE");
        // Move the server's clock to the day after election day (in the union's zone), and back again after.
        Duration ahead = Duration.between(App.CLOCK.instant(),
                electionDay.plusDays(1).atStartOfDay(App.CLOCK.getZone()).plusHours(1).toInstant());
        App.CLOCK.advance(ahead);
        try {
            assertThat(rules(api.postJson("/api/v1/decisions", CANDIDATE, localEmailList("L084"))))
                    .as("the election is over: its candidacies make nobody a candidate").doesNotContain("CANDIDATE_IN_SCOPE");
        } finally {
            App.CLOCK.advance(ahead.negated());
        }
    }

    @Test
    void requestsByOfficersReachingTheElectorateInItsWindowAreFlagged() {
        // Election day inside the 90-day window from today; the officer's request in L083 reaches region R3.
        TestElections.insert(superuser, "E-R3-FLAGS", Office.BOARD_SEAT, ScopeType.REGION, "R3", today().plusDays(10),
                null, today().plusDays(30), mailHouse, null);
        TestElections.insert(superuser, "E-R1-FLAGS", Office.BOARD_SEAT, ScopeType.REGION, "R1", today().plusDays(10),
                null, today().plusDays(30), mailHouse, null);
        TestElections.insert(superuser, "E-R3-LATER", Office.BOARD_SEAT, ScopeType.REGION, "R3", today().plusDays(150),
                null, today().plusDays(200), mailHouse, null);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, OFFICER, "Test officer83");
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", OFFICER, localEmailList("L083"));
        assertThat(asked.statusCode()).as(asked.body()).isIn(201, 202);
        long requestId = json(asked).path("id").asLong();

        HttpResponse<String> flags = api.get("/api/v1/elections/E-R3-FLAGS/flags", COMMITTEE);
        assertThat(flags.statusCode()).as(flags.body()).isEqualTo(200);
        JsonNode flagged = null;
        for (JsonNode f : json(flags)) {
            if (f.path("requestId").asLong() == requestId) {
                flagged = f;
            }
        }
        assertThat(flagged).as(flags.body()).isNotNull();
        assertThat(flagged.path("requester").asText()).isEqualTo("officer83");
        assertThat(flagged.path("purpose").asText()).isEqualTo("LOCAL_COMMUNICATION");
        assertThat(flagged.path("scopeType").asText() + ":" + flagged.path("scopeId").asText()).isEqualTo("LOCAL:L083");
        assertThat(flagged.has("requestedAt")).isTrue();
        assertThat(flags.body()).as("no member data").doesNotContain("@example.org").doesNotContain("First");
        assertThat(api.get("/api/v1/elections/E-R3-FLAGS/flags", AUDITOR).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/elections/E-R3-FLAGS/flags", OFFICER).statusCode()).isEqualTo(403);
        assertThat(json(api.get("/api/v1/elections/E-R1-FLAGS/flags", COMMITTEE)).findValuesAsText("requestId"))
                .as("another electorate").doesNotContain(Long.toString(requestId));
        assertThat(json(api.get("/api/v1/elections/E-R3-LATER/flags", COMMITTEE)).findValuesAsText("requestId"))
                .as("before the window opens").doesNotContain(Long.toString(requestId));

        // The auditors' flags page shows the same request, as the decision the trail recorded on it.
        ElectionCalendar calendar = new ElectionCalendar(superuser, new DirectoryPolicyFacts(superuser, App.CLOCK),
                ElectionPolicy.load(PolicySource.bundled()), App.CLOCK);
        AuditFlags.Flags auditFlags = new AuditFlags(superuser, App.CLOCK).withElectionWindows(calendar::since).flags();
        assertThat(auditFlags.electionWindows()).anySatisfy(flag -> {
            assertThat(flag.kind()).isEqualTo(AuditFlags.Kind.ELECTION_WINDOW);
            assertThat(flag.actor()).isEqualTo("officer83");
            assertThat(flag.subject()).isEqualTo("Election E-R3-FLAGS (E-R3-FLAGS)");
            assertThat(flag.entries()).extracting(e -> e.target()).contains("list-request:" + requestId);
        });
        assertThat(auditFlags.electionWindows()).noneSatisfy(flag -> assertThat(flag.subject()).contains("E-R1-FLAGS"));
    }
}
