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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * {@code PATCH /api/v1/elections/{id}} over HTTP on embedded PostgreSQL with a clock the test holds
 * (10:00 on 2026-12-01 in Salem): the calendar, and only the calendar, is corrected by the election
 * committee or an admin, checked as on creation, audited with the old and new dates; refused once the
 * election is over, and refused when a candidate has inspected the list and the change would move the
 * inspection window they used (29 CFR 452.71).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElectionCalendarChangeIntegrationTest {

    /** The gateway on this class's own clock, which the last test moves past an election day. */
    public static class CalendarClockApp extends GatewayApplication {
        static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T18:00:00Z"),
                ZoneId.of("America/Los_Angeles"));

        @Override
        protected Clock clock(ZoneId zone) {
            return CLOCK;
        }
    }

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-calendar";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(CalendarClockApp.class,
            ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String COMMITTEE = basic("calcommittee", "calendar-committee-password");
    static final String CANDIDATE = basic("calcandidate", "calendar-candidate-password");
    static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    static ApiClient api;
    static Jdbi superuser;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_street, home_city, home_state, home_zip)
                SELECT 'C' || i, 'First' || i, 'Last' || i, 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', i || ' Elm St',
                       'Salem', 'OR', '97301'
                FROM generate_series(1, 5) AS i"""));
        long mail = TestElections.placeholderVendor(superuser, "Calendar test mail house");
        TestElections.insert(superuser, "E-CAL", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", TODAY.plusDays(20), null,
                TODAY.plusDays(60), mail, null);
        TestElections.insert(superuser, "E-INSPECTED", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", TODAY.plusDays(2),
                TODAY.plusDays(8), TODAY.plusDays(10), mail, null);
        TestElections.insert(superuser, "E-SOON", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", TODAY, null,
                TODAY.plusDays(1), mail, null);
        // The committee member first: with no confirmer yet, the authority role holds at once.
        TestPeople.create(api, ADMIN, "calcommittee", "Calendar Committee", "calendar-committee-password",
                "ELECTION_COMMITTEE", null);
        TestPeople.create(api, ADMIN, "calcandidate", "Calendar Candidate", "calendar-candidate-password", "MEMBER", "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/calcandidate/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "E-INSPECTED"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
    }

    static HttpResponse<String> patch(String who, String election, Object body) {
        return api.patchJson("/api/v1/elections/" + election, who, body);
    }

    static Map<String, Object> dates(Object... pairs) {
        Map<String, Object> body = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1] == null ? null : pairs[i + 1].toString());
        }
        return body;
    }

    static List<String> calendarEntries(String election) {
        return superuser.withHandle(h -> h.createQuery("""
                SELECT concat_ws(' ', actor, action, decision, reasons) FROM audit_entries
                WHERE target = :target AND decision = 'CALENDAR_CHANGED' ORDER BY seq""")
                .bind("target", "election:" + election).mapTo(String.class).list());
    }

    static JsonNode stored(String election) {
        return json(api.get("/api/v1/elections/" + election, ADMIN));
    }

    @Test
    @Order(1)
    void theCommitteeCorrectsTheDatesAndTheTrailHasTheOldAndTheNew() {
        HttpResponse<String> changed = patch(COMMITTEE, "E-CAL", dates("ballotsMailedOn", TODAY.plusDays(50),
                "electionDay", TODAY.plusDays(67)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        JsonNode view = json(changed);
        assertThat(view.path("ballotsMailedOn").asText()).isEqualTo("2027-01-20");
        assertThat(view.path("electionDay").asText()).isEqualTo("2027-02-06");
        assertThat(view.path("nominationsCloseOn").asText()).as("left out, so unchanged").isEqualTo("2026-12-21");
        assertThat(stored("E-CAL").path("electionDay").asText()).isEqualTo("2027-02-06");
        assertThat(calendarEntries("E-CAL")).containsExactly("calcommittee DIRECTORY_CHANGE CALENDAR_CHANGED "
                + "BALLOTS_MAILED_NONE_TO_2027_01_20,ELECTION_DAY_2027_01_30_TO_2027_02_06");

        // null: no longer a mail ballot. An admin may correct too; the same dates again change nothing.
        HttpResponse<String> noMail = patch(ADMIN, "E-CAL", dates("ballotsMailedOn", null, "nominationsCloseOn",
                TODAY.plusDays(21)));
        assertThat(noMail.statusCode()).as(noMail.body()).isEqualTo(200);
        assertThat(json(noMail).hasNonNull("ballotsMailedOn")).isFalse();
        HttpResponse<String> same = patch(ADMIN, "E-CAL", dates("electionDay", TODAY.plusDays(67)));
        assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
        assertThat(calendarEntries("E-CAL")).hasSize(2).last().isEqualTo("admin DIRECTORY_CHANGE CALENDAR_CHANGED "
                + "NOMINATIONS_CLOSE_2026_12_21_TO_2026_12_22,BALLOTS_MAILED_2027_01_20_TO_NONE");
    }

    @Test
    @Order(2)
    void datesAreCheckedAsOnCreationAndNothingButTheCalendarChanges() {
        Map<String, Map<String, Object>> wrong = Map.of(
                "nominationsCloseOn", dates("nominationsCloseOn", TODAY.plusDays(70)),
                "ballotsMailedOn", dates("ballotsMailedOn", TODAY.plusDays(10)),
                "electionDay", dates("electionDay", TODAY.minusDays(1)),
                "office", Map.of("office", "BOARD_SEAT"),
                "scopeId", Map.of("scopeId", "L084"),
                "mailVendorId", Map.of("mailVendorId", 1));
        for (Map.Entry<String, Map<String, Object>> body : wrong.entrySet()) {
            HttpResponse<String> refused = patch(COMMITTEE, "E-CAL", body.getValue());
            assertThat(refused.statusCode()).as(body.getKey() + ": " + refused.body()).isEqualTo(400);
            assertThat(json(refused).path("field").asText()).isEqualTo(body.getKey());
        }
        HttpResponse<String> notADate = patch(COMMITTEE, "E-CAL", dates("electionDay", "next spring"));
        assertThat(notADate.statusCode()).isEqualTo(400);
        assertThat(json(notADate).path("field").asText()).isEqualTo("electionDay");
        assertThat(patch(COMMITTEE, "E-CAL", Map.of()).statusCode()).isEqualTo(400);
        assertThat(patch(COMMITTEE, "E-NONE", dates("electionDay", TODAY.plusDays(70))).statusCode()).isEqualTo(404);
        assertThat(patch(CANDIDATE, "E-CAL", dates("electionDay", TODAY.plusDays(70))).statusCode()).isEqualTo(403);
        assertThat(patch(null, "E-CAL", dates("electionDay", TODAY.plusDays(70))).statusCode()).isEqualTo(401);
        assertThat(stored("E-CAL").path("electionDay").asText()).isEqualTo("2027-02-06");
        assertThat(stored("E-CAL").path("office").asText()).isEqualTo("LOCAL_OFFICE");
    }

    @Test
    @Order(3)
    void onceACandidateHasInspectedTheWindowTheyUsedCannotMove() {
        HttpResponse<String> opened = api.post("/api/v1/elections/E-INSPECTED/inspections", CANDIDATE, "application/json", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        // The window runs from 30 days before election day to the day before ballots are mailed.
        for (Map<String, Object> moving : List.of(dates("electionDay", TODAY.plusDays(12)),
                dates("ballotsMailedOn", TODAY.plusDays(6)), dates("ballotsMailedOn", null))) {
            HttpResponse<String> refused = patch(COMMITTEE, "E-INSPECTED", moving);
            assertThat(refused.statusCode()).as(moving + ": " + refused.body()).isEqualTo(409);
            assertThat(json(refused).path("error").asText()).isEqualTo("INSPECTION_WINDOW_FIXED");
            assertThat(json(refused).path("message").asText()).contains("2026-11-11").contains("2026-12-08")
                    .contains("29 CFR 452.71");
        }
        assertThat(stored("E-INSPECTED").path("electionDay").asText()).isEqualTo("2026-12-11");
        assertThat(calendarEntries("E-INSPECTED")).isEmpty();
        // The close of nominations is not part of the window: it may still be corrected.
        HttpResponse<String> nominations = patch(COMMITTEE, "E-INSPECTED", dates("nominationsCloseOn", TODAY.plusDays(3)));
        assertThat(nominations.statusCode()).as(nominations.body()).isEqualTo(200);
        assertThat(calendarEntries("E-INSPECTED")).hasSize(1);
    }

    @Test
    @Order(4)
    void theCalendarOfAnElectionThatIsOverStaysAsItWas() {
        CalendarClockApp.CLOCK.advance(Duration.ofDays(2));
        HttpResponse<String> refused = patch(COMMITTEE, "E-SOON", dates("electionDay", TODAY.plusDays(30)));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).path("error").asText()).isEqualTo("ELECTION_OVER");
        assertThat(stored("E-SOON").path("electionDay").asText()).isEqualTo("2026-12-02");
        assertThat(calendarEntries("E-SOON")).isEmpty();
    }
}
