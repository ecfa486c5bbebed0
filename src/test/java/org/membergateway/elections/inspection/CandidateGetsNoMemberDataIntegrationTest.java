package org.membergateway.elections.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.members.MemberCsv;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Office;
import org.membergateway.policy.Policy;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.PageSession;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The proof issue 16 asks for (confidentiality §5; 29 CFR 452.71–452.73): a declared candidate, with
 * the confidentiality agreement signed, can obtain no contact field of a member of their electorate
 * by any endpoint that returns member data. One member and one steward are seeded with values found
 * nowhere else. Two candidates, a member running for local office and a local president running for
 * the Board, ask for lists and decisions for every purpose, channel and audience over the electorate
 * (with the fields each purpose may have, so that what the policy allows is approved), export and
 * decrypt whatever was approved, print the voting data, and try the vendor extract endpoints, another
 * candidate's inspection and the people, audit, leaders and request pages; no answer, and no
 * decrypted export, holds a personal contact field, and each test fails if nothing was approved. The
 * inspection is the one lawful exception (names and last known addresses, on screen): asserted
 * separately, with no phone, email or birth date in it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CandidateGetsNoMemberDataIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-nomem";
    // Two uses of an approval, so that voting data is both printed on paper and exported.
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.exportsPerApproval", "2"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String CANDIDATE = basic("nomemcand", "no-member-data-password");
    /** Local president of L083 and declared candidate for the Region 3 board seat. */
    static final String PRESIDENT = basic("nomempres", "no-member-data-president");
    /** Another candidate for that seat, whose inspection the president must not see. */
    static final String RIVAL = basic("nomemrival", "no-member-data-rival");
    static final Policy POLICY = PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS);
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The seeded member's contact values, each found in no other row. */
    static final Map<String, String> CONTACT = new LinkedHashMap<>();

    /**
     * A steward of L083: a leader whose work email is the role contact §6 gives the local's members,
     * and whose personal contact fields nobody's list of leaders carries.
     */
    static final Map<String, String> STEWARD_PERSONAL = new LinkedHashMap<>();
    static final String STEWARD_WORK_EMAIL = "stewardina.role@agency.example";

    static {
        CONTACT.put("home_street", "7734 Xylophonequartz Ln");
        CONTACT.put("home_city", "Zqxvilleton");
        CONTACT.put("home_zip", "97999");
        CONTACT.put("home_phone", "541-555-0199");
        CONTACT.put("mobile_phone", "541-555-0177");
        CONTACT.put("home_email", "quintavious.zzyzx@example.net");
        CONTACT.put("work_email", "qz.workplace@agency.example");
        CONTACT.put("birth_date", "1961-07-04");
        STEWARD_PERSONAL.put("home_street", "99 Stewardquill Ct");
        STEWARD_PERSONAL.put("home_city", "Qwertbrook");
        STEWARD_PERSONAL.put("home_zip", "97888");
        STEWARD_PERSONAL.put("home_phone", "541-555-0133");
        STEWARD_PERSONAL.put("mobile_phone", "541-555-0144");
        STEWARD_PERSONAL.put("home_email", "stewardina.home@example.net");
        STEWARD_PERSONAL.put("birth_date", "1970-02-03");
    }

    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;
    static int port;

    @BeforeAll
    static void setUp() {
        port = APP.getLocalPort();
        api = new ApiClient(port);
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         cape_contributor, home_street, home_city, home_state, home_zip, home_phone,
                                         mobile_phone, home_email, work_email, birth_date, worksite, classification)
                    VALUES ('SEED1', 'Quintavious', 'Zzyzxbottom', 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', true, :street,
                            :city, 'OR', :zip, :phone, :mobile, :email, :work, DATE '1961-07-04', 'Site A', 'Clerk')""")
                    .bind("street", CONTACT.get("home_street")).bind("city", CONTACT.get("home_city"))
                    .bind("zip", CONTACT.get("home_zip")).bind("phone", CONTACT.get("home_phone"))
                    .bind("mobile", CONTACT.get("mobile_phone")).bind("email", CONTACT.get("home_email"))
                    .bind("work", CONTACT.get("work_email")).execute();
            // Company for the seeded member, so no list is refused for being empty.
            h.execute("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         home_street, home_city, home_state, home_zip, home_email, home_phone)
                    SELECT 'N' || i, 'Other' || i, 'Person' || i, 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', i || ' Oak St',
                           'Salem', 'OR', '97301', 'n' || i || '@example.org', '503-555-2' || lpad(i::text, 3, '0')
                    FROM generate_series(1, 30) AS i""");
            h.createUpdate("""
                    INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                         home_street, home_city, home_state, home_zip, home_phone, mobile_phone, home_email,
                                         work_email, birth_date, worksite, steward)
                    VALUES ('SEED2', 'Stewardina', 'Qqwertyfold', 'L083', 'R3', 'STATE_AGENCIES', 'MEMBER', :street, :city,
                            'OR', :zip, :phone, :mobile, :email, :work, DATE '1970-02-03', 'Site A', true)""")
                    .bind("street", STEWARD_PERSONAL.get("home_street")).bind("city", STEWARD_PERSONAL.get("home_city"))
                    .bind("zip", STEWARD_PERSONAL.get("home_zip")).bind("phone", STEWARD_PERSONAL.get("home_phone"))
                    .bind("mobile", STEWARD_PERSONAL.get("mobile_phone")).bind("email", STEWARD_PERSONAL.get("home_email"))
                    .bind("work", STEWARD_WORK_EMAIL).execute();
            // A statewide board election the seeded member voted in (AP&P XVI §6(e) voting data).
            h.execute("""
                    INSERT INTO voting_records (election_id, member_id, voted, method, imported_at, updated_at)
                    VALUES ('E2026-BOARD', 'SEED1', true, 'MAIL', now(), now()),
                           ('E2026-BOARD', 'SEED2', false, NULL, now(), now())""");
        });
        LocalDate today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        TestElections.insert(superuser, "E-NOMEM", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", today.plusDays(10), null,
                today.plusDays(10), TestElections.placeholderVendor(superuser, "No-data mail house"), null);
        TestPeople.create(api, ADMIN, "nomemcand", "Candidate Nodata", "no-member-data-password", "MEMBER", "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/nomemcand/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "E-NOMEM"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        TestElections.insert(superuser, "E-NOMEM-BOARD", Office.BOARD_SEAT, ScopeType.REGION, "R3", today.plusDays(10), null,
                today.plusDays(10), TestElections.placeholderVendor(superuser, "Board mail house"), null);
        // Made before any executive director exists, so the president's grant is active at once.
        TestPeople.create(api, ADMIN, "nomempres", "President Nodata", "no-member-data-president", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, ADMIN, "nomemrival", "Rival Nodata", "no-member-data-rival", "MEMBER", "L083");
        for (String person : List.of("nomempres", "nomemrival")) {
            HttpResponse<String> board = api.postJson("/api/v1/people/" + person + "/candidacies", ADMIN, Map.of(
                    "office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R3", "electionId", "E-NOMEM-BOARD"));
            assertThat(board.statusCode()).as(board.body()).isEqualTo(201);
        }
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, CANDIDATE, "Candidate Nodata");
        TestPeople.acknowledgeEverything(api, acknowledgements, PRESIDENT, "President Nodata");
        TestPeople.acknowledgeEverything(api, acknowledgements, RIVAL, "Rival Nodata");
        gpg = GnuPg.trustingGateway(api);
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    /** No contact or sensitive field of the seeded member, and no personal one of the steward. */
    static void assertNoContactField(String where, String body) {
        for (Map.Entry<String, String> value : CONTACT.entrySet()) {
            assertThat(body).as(where + " holds the member's " + value.getKey()).doesNotContain(value.getValue());
        }
        for (Map.Entry<String, String> value : STEWARD_PERSONAL.entrySet()) {
            assertThat(body).as(where + " holds the steward's " + value.getKey()).doesNotContain(value.getValue());
        }
    }

    /** Not even the seeded member's name: only voting data (AP&P XVI §6(e)) and the inspection name them. */
    static void assertNoMemberField(String where, String body) {
        assertNoContactField(where, body);
        assertThat(body).as(where + " names the member").doesNotContain("Zzyzxbottom").doesNotContain("Quintavious");
    }

    /** The fields that reach a member by the channel, with their name. */
    static List<String> fields(Channel channel) {
        return switch (channel) {
            case MAIL -> List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
            case EMAIL -> List.of("first_name", "last_name", "home_email", "work_email");
            case PHONE -> List.of("first_name", "last_name", "home_phone", "mobile_phone");
        };
    }

    /**
     * A request for what the purpose may have on the channel (so that what the policy allows is
     * approved, not refused for its fields), or for the channel's contact fields where the purpose
     * has none listed (banned purposes, vendors' extracts, a channel the purpose has not).
     */
    static Map<String, Object> request(Purpose purpose, Channel channel, Audience audience, Map<String, String> scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose.name());
        body.put("scope", scope);
        if (purpose == Purpose.VOTING_DATA) {
            body.put("filters", Map.of("electionId", "E2026-BOARD"));
        }
        body.put("audience", audience.name());
        body.put("channel", channel.name());
        body.put("fields", POLICY.fields().allowed(purpose, channel).orElse(fields(channel)));
        body.put("justification", "My campaign");
        return body;
    }

    @Test
    void aMemberCandidateGetsNoMemberFieldOfTheElectorateByAnyPurposeChannelExportOrPage() throws Exception {
        String session = signIn("nomemcand", "no-member-data-password");
        Tried tried = tryEverything(CANDIDATE, session, List.of(Map.of("type", "LOCAL", "id", "L083")));
        // Never vacuous: the leaders' contacts every member may have (§6) are approved and exported.
        assertThat(tried.approved()).as("approved requests tried").isNotEmpty();
        assertThat(tried.approved().values()).containsOnly(Purpose.LEADERSHIP_CONTACTS);
        assertThat(tried.exported()).as("the steward's role contact, §6").contains(STEWARD_WORK_EMAIL);
        tryEveryOtherEndpoint(CANDIDATE, session, tried);
    }

    /**
     * A local president of L083 running for the Region 3 board seat: officer and candidate at once.
     * What the policy approves them without anybody's review is only what every member may have
     * (the local's leaders' contacts as a list, the board's published ones on /leaders, confidentiality
     * §6) and, as the AP&P
     * gives it to local presidents and board-seat candidates, voting data (AP&P XVI §6(e): names,
     * local, worksite and how they voted, never a contact field). Everything else over the electorate
     * waits for the executive director (CANDIDATE_IN_SCOPE) or is refused. Each approved request is
     * exported and decrypted, voting data printed too, and no answer holds a personal contact field.
     */
    @Test
    void aLocalPresidentRunningForTheBoardGetsApprovedOnlyWhatHoldsNoContactFieldOfTheElectorate() throws Exception {
        String session = signIn("nomempres", "no-member-data-president");
        Tried tried = tryEverything(PRESIDENT, session, List.of(Map.of("type", "LOCAL", "id", "L083"),
                Map.of("type", "REGION", "id", "R3"), Map.of("type", "STATEWIDE", "id", "ALL")));
        assertThat(tried.approved()).as("approved requests tried").isNotEmpty();
        // Board contacts are decided as allowed too, but shown on /leaders (tried below), never a list.
        assertThat(Set.copyOf(tried.approved().values())).containsExactlyInAnyOrder(
                Purpose.LEADERSHIP_CONTACTS, Purpose.VOTING_DATA);
        assertThat(tried.pending()).as("requests waiting for the executive director").isGreaterThan(0);
        assertThat(tried.exported()).contains(STEWARD_WORK_EMAIL);
        // Voting data names the members who voted: the §6(e) entitlement, with no contact field in it.
        assertThat(tried.votingData()).contains("Zzyzxbottom").contains("E2026-BOARD");

        // A rival candidate's inspection (names and addresses, the rival's alone) is not the president's.
        HttpResponse<String> opened = api.post("/api/v1/elections/E-NOMEM-BOARD/inspections", RIVAL, "application/json", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long rivals = json(opened).path("id").asLong();
        for (int page = 1; page <= 2; page++) {
            HttpResponse<String> members = api.get("/api/v1/elections/E-NOMEM-BOARD/inspections/" + rivals + "/members?page="
                    + page, PRESIDENT);
            assertThat(members.statusCode()).as(members.body()).isEqualTo(404);
            assertNoMemberField("rival's inspection page " + page, members.body());
        }
        HttpResponse<String> inspectionPage = get("/elections/E-NOMEM-BOARD/inspection", session);
        assertThat(inspectionPage.statusCode()).isLessThan(500);
        assertNoMemberField("inspection page before opening", inspectionPage.body());
        tryEveryOtherEndpoint(PRESIDENT, session, tried);
    }

    /** What one candidate got from trying every purpose, channel and audience over some scopes. */
    record Tried(List<Long> created, Map<Long, Purpose> approved, int pending, String exported, String votingData) {
    }

    static Tried tryEverything(String who, String session, List<Map<String, String>> scopes) throws Exception {
        List<Long> created = new ArrayList<>();
        Map<Long, Purpose> approved = new LinkedHashMap<>();
        int pending = 0;
        for (Map<String, String> scope : scopes) {
            for (Purpose purpose : Purpose.values()) {
                for (Channel channel : Channel.values()) {
                    for (Audience audience : Audience.values()) {
                        String what = purpose + "/" + channel + "/" + audience + " over " + scope;
                        Map<String, Object> body = request(purpose, channel, audience, scope);
                        HttpResponse<String> decision = api.postJson("/api/v1/decisions", who, body);
                        assertNoMemberField("decision " + what, decision.body());
                        if (purpose == Purpose.OFFICER_ELECTION || purpose == Purpose.CANDIDATE_PROMOTION) {
                            assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
                            assertThat(json(decision).path("status").asText()).isEqualTo("DENIED");
                            assertThat(decision.body()).contains("ELECTION_USE_BAN").contains("confidentiality §5");
                        }
                        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", who, body);
                        assertNoMemberField("list request " + what, asked.body());
                        if (asked.statusCode() == 201) {
                            approved.put(json(asked).path("id").asLong(), purpose);
                        } else if (asked.statusCode() == 202) {
                            pending++;
                            assertThat(asked.body()).as(what).contains("CANDIDATE_IN_SCOPE");
                        }
                        if (asked.statusCode() == 201 || asked.statusCode() == 202) {
                            created.add(json(asked).path("id").asLong());
                        }
                    }
                }
            }
        }
        // Every approved request is exported and decrypted (and voting data printed as well); what waits
        // for approval exports nothing.
        StringBuilder exported = new StringBuilder();
        StringBuilder votingData = new StringBuilder();
        String csrf = hidden(get("/requests/new", session).body());
        for (long id : created) {
            HttpResponse<String> shown = api.get("/api/v1/list-requests/" + id, who);
            assertNoMemberField("request " + id, shown.body());
            boolean voting = approved.get(id) == Purpose.VOTING_DATA;
            if (voting) {
                HttpResponse<String> print = post("/requests/" + id + "/print", session, "csrf=" + enc(csrf));
                assertThat(print.statusCode()).as(print.body()).isEqualTo(303);
                HttpResponse<String> printed = get("/requests/" + id + "/print?page=1", session);
                assertThat(printed.statusCode()).isEqualTo(200);
                assertNoContactField("print page of " + id, printed.body());
                votingData.append(printed.body());
            }
            HttpResponse<String> export = api.postJson("/api/v1/list-requests/" + id + "/exports", who,
                    Map.of("encryption", "PASSPHRASE"));
            assertNoMemberField("export of " + id, export.body());
            if (!approved.containsKey(id)) {
                assertThat(export.statusCode()).as(export.body()).isBetween(400, 499);
                continue;
            }
            assertThat(export.statusCode()).as(export.body()).isEqualTo(201);
            String plain = decrypt(who, export);
            assertNoContactField("decrypted export of " + id, plain);
            if (voting) {
                assertThat(plain.lines().findFirst().orElse("")).isEqualTo(
                        "first_name,last_name,local_id,worksite,election_id,voted,method");
                votingData.append(plain);
            } else {
                assertNoMemberField("decrypted export of " + id, plain);
            }
            exported.append(plain);
        }
        return new Tried(created, approved, pending, exported.toString(), votingData.toString());
    }

    /** The endpoints that return member data to someone, tried by the candidate after their requests. */
    static void tryEveryOtherEndpoint(String who, String session, Tried tried) {
        for (String path : List.of("/api/v1/list-requests", "/api/v1/people", "/api/v1/people/nomemcand",
                "/api/v1/elections/E-NOMEM/mailings", "/api/v1/elections/E-NOMEM-BOARD/mailings",
                "/api/v1/elections/E-NOMEM-BOARD/flags", "/api/v1/audit/entries", "/api/v1/vendor/extracts",
                "/api/v1/vendor/extracts/1/content")) {
            HttpResponse<String> answer = api.get(path, who);
            assertThat(answer.statusCode()).as(path).isLessThan(500);
            assertNoMemberField(path, answer.body());
        }
        HttpResponse<String> extract = api.postJson("/api/v1/vendors/1/extracts", who, Map.of("scope",
                Map.of("type", "LOCAL", "id", "L083"), "audience", "MEMBERS", "fields", List.of("first_name", "home_street")));
        assertThat(extract.statusCode()).as(extract.body()).isIn(401, 403, 404);
        assertNoMemberField("vendor extract", extract.body());

        for (String path : List.of("/", "/leaders", "/leaders?channel=MAIL", "/leaders?channel=EMAIL", "/leaders?channel=PHONE",
                "/requests", "/requests/new", "/approvals", "/people", "/people/nomemcand", "/audit", "/vendors")) {
            HttpResponse<String> page = get(path, session);
            assertThat(page.statusCode()).as(path).isLessThan(500);
            assertNoMemberField("page " + path, page.body());
        }
        for (long id : tried.created()) {
            HttpResponse<String> page = get("/requests/" + id, session);
            assertThat(page.statusCode()).isLessThan(500);
            assertNoMemberField("page /requests/" + id, page.body());
        }
        String csrf = hidden(get("/requests/new", session).body());
        for (Purpose purpose : Purpose.values()) {
            for (String action : List.of("/requests/check", "/requests/new")) {
                StringBuilder form = new StringBuilder("csrf=" + enc(csrf) + "&purpose=" + purpose + "&scopeType=LOCAL&scopeId=L083"
                        + "&audience=MEMBERS&channel=MAIL&justification=" + enc("My campaign"));
                fields(Channel.MAIL).forEach(f -> form.append("&fields=").append(f));
                HttpResponse<String> posted = post(action, session, form.toString());
                assertThat(posted.statusCode()).as(action + " " + purpose).isLessThan(500);
                assertNoMemberField("form " + action + " " + purpose, posted.body());
            }
        }
    }

    static String decrypt(String who, HttpResponse<String> export) throws Exception {
        HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + json(export).path("id").asText(), who);
        assertThat(download.statusCode()).isEqualTo(200);
        return gpg.decryptWithPassphrase(download.body(), json(export).path("passphrase").asText());
    }

    @Test
    void theInspectionIsTheOneLawfulViewNamesAndAddressesOnlyOnScreenAndAudited() {
        HttpResponse<String> opened = api.post("/api/v1/elections/E-NOMEM/inspections", CANDIDATE, "application/json", "");
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        long id = json(opened).path("id").asLong();
        HttpResponse<String> page = api.get("/api/v1/elections/E-NOMEM/inspections/" + id + "/members", CANDIDATE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        // By law: the name and the last known mailing address (29 CFR 452.71), nothing else.
        JsonNode seed = null;
        for (JsonNode m : json(page).path("members")) {
            if ("Zzyzxbottom".equals(m.path("last_name").asText())) {
                seed = m;
            }
        }
        assertThat(seed).isNotNull();
        assertThat(seed.path("home_street").asText()).isEqualTo(CONTACT.get("home_street"));
        assertThat(seed.path("home_city").asText()).isEqualTo(CONTACT.get("home_city"));
        assertThat(seed.path("home_zip").asText()).isEqualTo(CONTACT.get("home_zip"));
        for (String other : List.of("home_phone", "mobile_phone", "home_email", "work_email", "birth_date")) {
            assertThat(page.body()).doesNotContain(CONTACT.get(other));
        }
        // No CSV however it is asked for, and the page view is in the trail with its count, not its values.
        HttpResponse<String> csv = HTTP_GET("/api/v1/elections/E-NOMEM/inspections/" + id + "/members", "text/csv");
        assertThat(csv.statusCode()).isEqualTo(406);
        assertNoContactField("CSV answer", csv.body());
        List<String> entries = superuser.withHandle(h -> h.createQuery("""
                SELECT concat_ws(' ', target, decision, row_count) FROM audit_entries
                WHERE actor = 'nomemcand' AND action = 'DATA_RELEASE' AND target LIKE 'election:%' ORDER BY seq""").mapTo(String.class).list());
        assertThat(entries).containsExactly("election:E-NOMEM/inspection:" + id + "/page:1 VIEWED 32");
    }

    @SuppressWarnings("checkstyle:MethodName")
    static HttpResponse<String> HTTP_GET(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", CANDIDATE)
                .header("Accept", accept).GET());
    }

    // ---- a session for the pages, signed in through the form as a browser would ----

    static String signIn(String username, String password) {
        return PageSession.signIn(port, username, password);
    }

    static HttpResponse<String> get(String path, String cookies) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies);
        }
        return send(request);
    }

    static HttpResponse<String> post(String path, String cookies, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Cookie", cookies)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String hidden(String html) {
        return PageSession.hidden(html, "csrf");
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
