package org.membergateway.elections.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Office;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The proof issue 16 asks for (confidentiality §5; 29 CFR 452.71–452.73): a declared candidate, with
 * the confidentiality agreement signed, can obtain no contact field of a member of their electorate
 * by any endpoint that returns member data. One member is seeded with values found nowhere else; the
 * candidate asks for lists and decisions for every purpose, channel and audience over the electorate,
 * exports and decrypts whatever was approved, tries the vendor extract endpoints, the leaders page and
 * the request pages; no answer, and no decrypted export, holds one of those values. The inspection is
 * the one lawful exception (names and last known addresses, on screen): asserted separately, with no
 * phone, email or birth date in it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class CandidateGetsNoMemberDataIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-nomem";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String CANDIDATE = basic("nomemcand", "no-member-data-password");
    static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /** The seeded member's contact values, each found in no other row. */
    static final Map<String, String> CONTACT = new LinkedHashMap<>();

    static {
        CONTACT.put("home_street", "7734 Xylophonequartz Ln");
        CONTACT.put("home_city", "Zqxvilleton");
        CONTACT.put("home_zip", "97999");
        CONTACT.put("home_phone", "541-555-0199");
        CONTACT.put("mobile_phone", "541-555-0177");
        CONTACT.put("home_email", "quintavious.zzyzx@example.net");
        CONTACT.put("work_email", "qz.workplace@agency.example");
        CONTACT.put("birth_date", "1961-07-04");
    }

    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;
    static int port;

    @BeforeAll
    static void setUp() {
        port = APP.getLocalPort();
        api = new ApiClient(port);
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
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
        });
        LocalDate today = LocalDate.now(APP.getConfiguration().getPolicy().zone());
        TestElections.insert(superuser, "E-NOMEM", Office.LOCAL_OFFICE, ScopeType.LOCAL, "L083", today.plusDays(10), null,
                today.plusDays(10), TestElections.placeholderVendor(superuser, "No-data mail house"), null);
        TestPeople.create(api, ADMIN, "nomemcand", "Candidate Nodata", "no-member-data-password", "MEMBER", "L083");
        HttpResponse<String> declared = api.postJson("/api/v1/people/nomemcand/candidacies", ADMIN, Map.of(
                "office", "LOCAL_OFFICE", "scopeType", "LOCAL", "scopeId", "L083", "electionId", "E-NOMEM"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                CANDIDATE, "Candidate Nodata");
        gpg = GnuPg.inTemporaryHome();
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    static void assertNoContactValue(String where, String body) {
        for (Map.Entry<String, String> value : CONTACT.entrySet()) {
            assertThat(body).as(where + " holds " + value.getKey()).doesNotContain(value.getValue());
        }
    }

    /** The fields that reach a member by the channel, with their name. */
    static List<String> fields(Channel channel) {
        return switch (channel) {
            case MAIL -> List.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
            case EMAIL -> List.of("first_name", "last_name", "home_email", "work_email");
            case PHONE -> List.of("first_name", "last_name", "home_phone", "mobile_phone");
        };
    }

    static Map<String, Object> request(Purpose purpose, Channel channel, Audience audience) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", purpose.name());
        body.put("scope", Map.of("type", "LOCAL", "id", "L083"));
        body.put("audience", audience.name());
        body.put("channel", channel.name());
        body.put("fields", fields(channel));
        body.put("justification", "My campaign for local office");
        return body;
    }

    @Test
    void noPurposeChannelOrAudienceYieldsAContactFieldOfTheElectorateNorDoesAnyExportOrPage() throws Exception {
        List<Long> created = new ArrayList<>();
        int approved = 0;
        for (Purpose purpose : Purpose.values()) {
            for (Channel channel : Channel.values()) {
                for (Audience audience : Audience.values()) {
                    String what = purpose + "/" + channel + "/" + audience;
                    HttpResponse<String> decision = api.postJson("/api/v1/decisions", CANDIDATE, request(purpose, channel, audience));
                    assertNoContactValue("decision " + what, decision.body());
                    if (purpose == Purpose.OFFICER_ELECTION || purpose == Purpose.CANDIDATE_PROMOTION) {
                        assertThat(decision.statusCode()).as(decision.body()).isEqualTo(200);
                        assertThat(json(decision).path("status").asText()).isEqualTo("DENIED");
                        assertThat(decision.body()).contains("ELECTION_USE_BAN").contains("confidentiality §5");
                    }
                    HttpResponse<String> asked = api.postJson("/api/v1/list-requests", CANDIDATE, request(purpose, channel, audience));
                    assertNoContactValue("list request " + what, asked.body());
                    if (asked.statusCode() == 201 || asked.statusCode() == 202) {
                        created.add(json(asked).path("id").asLong());
                        approved += asked.statusCode() == 201 ? 1 : 0;
                    }
                }
            }
        }
        // What was approved (the leaders' contacts every member may have, §6) is exported and decrypted:
        // the seeded member, who leads nothing, is in none of it. What waits for approval exports nothing.
        int decrypted = 0;
        for (long id : created) {
            HttpResponse<String> shown = api.get("/api/v1/list-requests/" + id, CANDIDATE);
            assertNoContactValue("request " + id, shown.body());
            HttpResponse<String> export = api.postJson("/api/v1/list-requests/" + id + "/exports", CANDIDATE,
                    Map.of("encryption", "PASSPHRASE"));
            assertNoContactValue("export of " + id, export.body());
            if (export.statusCode() == 201) {
                HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + json(export).path("id").asText(), CANDIDATE);
                assertThat(download.statusCode()).isEqualTo(200);
                java.nio.file.Path file = Files.createTempFile(gpg.home(), "export", ".gpg");
                Files.write(file, download.body());
                GnuPg.Result plain = gpg.run(json(export).path("passphrase").asText().getBytes(StandardCharsets.UTF_8),
                        "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--decrypt", file.toString());
                assertThat(plain.exitCode()).as(plain.stderr()).isZero();
                assertNoContactValue("decrypted export of " + id, plain.stdout());
                assertThat(plain.stdout()).doesNotContain("Zzyzxbottom");
                decrypted++;
            } else {
                assertThat(export.statusCode()).as(export.body()).isBetween(400, 499);
            }
        }
        assertThat(decrypted).isEqualTo(approved);

        // Vendors' extracts are staff's to ask for and vendors' to collect.
        for (HttpResponse<String> vendor : List.of(
                api.postJson("/api/v1/vendors/1/extracts", CANDIDATE, Map.of("scope", Map.of("type", "LOCAL", "id", "L083"),
                        "audience", "MEMBERS", "fields", List.of("first_name", "home_street"))),
                api.get("/api/v1/vendor/extracts", CANDIDATE),
                api.get("/api/v1/vendor/extracts/1/content", CANDIDATE))) {
            assertThat(vendor.statusCode()).as(vendor.body()).isIn(401, 403, 404);
            assertNoContactValue("vendor endpoint", vendor.body());
        }

        // The pages: leaders, the request form and its check, every request made.
        String session = signIn();
        for (String path : List.of("/", "/leaders", "/leaders?channel=MAIL", "/leaders?channel=EMAIL", "/leaders?channel=PHONE",
                "/requests", "/requests/new")) {
            HttpResponse<String> page = get(path, session);
            assertThat(page.statusCode()).as(path).isLessThan(500);
            assertNoContactValue("page " + path, page.body());
        }
        for (long id : created) {
            assertNoContactValue("page /requests/" + id, get("/requests/" + id, session).body());
        }
        String csrf = hidden(get("/requests/new", session).body());
        for (Purpose purpose : Purpose.values()) {
            for (String action : List.of("/requests/check", "/requests/new")) {
                StringBuilder form = new StringBuilder("csrf=" + enc(csrf) + "&purpose=" + purpose + "&scopeType=LOCAL&scopeId=L083"
                        + "&audience=MEMBERS&channel=MAIL&justification=" + enc("My campaign"));
                fields(Channel.MAIL).forEach(f -> form.append("&fields=").append(f));
                HttpResponse<String> posted = post(action, session, form.toString());
                assertThat(posted.statusCode()).as(action + " " + purpose).isLessThan(500);
                assertNoContactValue("form " + action + " " + purpose, posted.body());
            }
        }
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
        assertNoContactValue("CSV answer", csv.body());
        List<String> entries = superuser.withHandle(h -> h.createQuery("""
                SELECT concat_ws(' ', target, decision, row_count) FROM audit_entries
                WHERE actor = 'nomemcand' AND action = 'DATA_RELEASE' ORDER BY seq""").mapTo(String.class).list());
        assertThat(entries).containsExactly("election:E-NOMEM/inspection:" + id + "/page:1 VIEWED 31");
    }

    @SuppressWarnings("checkstyle:MethodName")
    static HttpResponse<String> HTTP_GET(String path, String accept) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Authorization", CANDIDATE)
                .header("Accept", accept).GET());
    }

    // ---- a session for the pages, signed in through the form as a browser would ----

    static String signIn() {
        HttpResponse<String> form = get("/login", "");
        String loginCookie = cookie(form, "mg_login");
        HttpResponse<String> signedIn = post("/login", loginCookie, "username=nomemcand&password=no-member-data-password&csrf="
                + enc(hidden(form.body())) + "&next=/");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        return cookie(signedIn, "mg_session");
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

    static String cookie(HttpResponse<?> response, String name) {
        String set = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        return set.substring(0, set.indexOf(';'));
    }

    static String hidden(String html) {
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("csrf field").isTrue();
        return m.group(1);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
