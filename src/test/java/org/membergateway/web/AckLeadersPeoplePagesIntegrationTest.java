package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.web.AckPeopleHttp.form;

import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayConfiguration;
import org.membergateway.GatewayApplication;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The acknowledgement, leaders and people pages over raw HTTP, where statuses and bodies can be
 * checked exactly: forms without their token change nothing, nobody opens someone else's receipt,
 * the role checks hold, and {@code /leaders} shows a member their own local's leaders, only the
 * fields the policy allows, and records the view before it shows it.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class AckLeadersPeoplePagesIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-ack-pages";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD);
    static Jdbi superuser;
    static AckPeopleHttp http;
    static ApiClient api;
    static String admin;

    @BeforeAll
    static void setUp() {
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R4", "UNIVERSITIES");
        AckPeopleHttp.leader(superuser, "M830001", "Alma", "Steward", "L083", true, false);
        AckPeopleHttp.leader(superuser, "M830002", "Bao", "Leader", "L083", false, true);
        AckPeopleHttp.leader(superuser, "M830003", "Cora", "Plainmember", "L083", false, false);
        AckPeopleHttp.leader(superuser, "M840001", "Dmitri", "Otherlocal", "L084", true, true);
        http = new AckPeopleHttp(APP.getLocalPort());
        api = new ApiClient(APP.getLocalPort());
        admin = basic("admin", ADMIN_PASSWORD);
        TestPeople.create(api, admin, "member83", "Member Eighty-Three", "member-83-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "member84", "Member Eighty-Four", "member-84-password", "MEMBER", "L084");
        TestPeople.create(api, admin, "unsigned83", "Not Signed", "unsigned-83-password", "MEMBER", "L083");
        TestPeople.create(api, admin, "staff1", "Staff One", "staff-one-password", "STAFF", null);
        AcknowledgementService acknowledgements = ((GatewayApplication) APP.getApplication()).services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("member83", "member-83-password"), "Member Eighty-Three");
        TestPeople.acknowledgeEverything(api, acknowledgements, basic("member84", "member-84-password"), "Member Eighty-Four");
    }

    static long count(String sql) {
        return TestDatabases.one(superuser, sql, Long.class);
    }

    @Test
    void formsWithoutTheirTokenAreRefusedAndChangeNothing() {
        String member = http.signIn("unsigned83", "unsigned-83-password");
        long acknowledgements = count("SELECT count(*) FROM acknowledgements");
        HttpResponse<String> sign = http.post("/acknowledgements", member, form("documentId", "confidentiality-agreement",
                "version", "2026-11-01", "language", "en", "typedName", "Not Signed"));
        assertThat(sign.statusCode()).isEqualTo(403);
        assertThat(sign.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));

        String staff = http.signIn("staff1", "staff-one-password");
        HttpResponse<String> paper = http.post("/acknowledgements/paper", staff, form("username", "unsigned83",
                "documentId", "confidentiality-agreement", "version", "2026-11-01", "language", "en",
                "signedOn", java.time.LocalDate.now().minusDays(1).toString(), "witness", "A Witness", "csrf", "forged"));
        assertThat(paper.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM acknowledgements")).as("nothing signed or recorded").isEqualTo(acknowledgements);

        String administrator = http.signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> create = http.post("/people", administrator, form("username", "forged1",
                "displayName", "Forged", "password", "forged-password-1", "roles", "ADMIN"));
        assertThat(create.statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM people WHERE username = 'forged1'")).as("nobody created").isZero();

        // With the token the same forms work: it was the token, nothing else, that was missing.
        HttpResponse<String> created = http.post("/people", administrator, form("username", "real1",
                "displayName", "Real One", "password", "real-password-12", "roles", "MEMBER", "locals", "L083",
                "csrf", http.csrf(administrator)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/people?created=real1"));
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DIRECTORY_CHANGE' AND target = 'person:real1'"
                + " AND decision = 'CREATED' AND actor = 'admin'")).as("audited as the API audits it").isEqualTo(1);
    }

    @Test
    void someoneElsesReceiptIsNotFoundWhoeverAsks() {
        String member = http.signIn("member83", "member-83-password");
        String own = TestDatabases.one(superuser,
                "SELECT id::text FROM acknowledgements WHERE username = 'member83' LIMIT 1", String.class);
        assertThat(http.get("/acknowledgements/receipts/" + own, member).statusCode()).isEqualTo(200);
        HttpResponse<byte[]> text = http.bytes("/acknowledgements/receipts/" + own + "/receipt.txt", member);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment"));
        assertThat(new String(text.body(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("member-gateway acknowledgement receipt v1\n").contains("username: member83\n");

        String theirs = TestDatabases.one(superuser,
                "SELECT id::text FROM acknowledgements WHERE username = 'member84' LIMIT 1", String.class);
        String staff = http.signIn("staff1", "staff-one-password");
        for (String who : List.of(member, staff)) {
            for (String path : List.of("", "/receipt.txt", "/receipt.txt.asc")) {
                HttpResponse<String> answer = http.get("/acknowledgements/receipts/" + theirs + path, who);
                assertThat(answer.statusCode()).as(path).isEqualTo(404);
                assertThat(answer.body()).as(path).doesNotContain("member84").doesNotContain("BEGIN PGP");
            }
        }
        assertThat(http.get("/acknowledgements/receipts/not-a-uuid", member).statusCode()).isEqualTo(404);
    }

    @Test
    void onlyStaffRecordPaperAndOnlyAdministratorsSeePeople() {
        String member = http.signIn("member83", "member-83-password");
        assertThat(http.get("/acknowledgements/paper", member).statusCode()).isEqualTo(403);
        assertThat(http.post("/acknowledgements/paper", member, form("username", "member83", "csrf", http.csrf(member)))
                .statusCode()).isEqualTo(403);
        String staff = http.signIn("staff1", "staff-one-password");
        assertThat(http.get("/acknowledgements/paper", staff).statusCode()).isEqualTo(200);
        for (String path : List.of("/people", "/people/new")) {
            for (String who : List.of(member, staff)) {
                HttpResponse<String> refused = http.get(path, who);
                assertThat(refused.statusCode()).as(path).isEqualTo(403);
                assertThat(refused.body()).as(path).doesNotContain("member84");
            }
        }
        assertThat(http.post("/people", staff, form("username", "bystaff", "displayName", "By Staff",
                "password", "by-staff-password", "roles", "ADMIN", "csrf", http.csrf(staff))).statusCode()).isEqualTo(403);
        assertThat(count("SELECT count(*) FROM people WHERE username = 'bystaff'")).isZero();
        String administrator = http.signIn("admin", ADMIN_PASSWORD);
        assertThat(http.get("/people", administrator).body()).contains("member84", "Member Eighty-Four");
    }

    @Test
    void thePeopleListPagesByUsername() {
        org.membergateway.directory.DirectoryService directory = ((GatewayApplication) APP.getApplication()).services().directory();
        org.membergateway.directory.DirectoryService.PeoplePage first = directory.people(null, 2);
        assertThat(first.people()).extracting(p -> p.username()).containsExactly("admin", "member83");
        assertThat(first.nextAfter()).isEqualTo("member83");
        assertThat(first.total()).isGreaterThanOrEqualTo(5);
        org.membergateway.directory.DirectoryService.PeoplePage second = directory.people(first.nextAfter(), 2);
        assertThat(second.people()).first().extracting(p -> p.username()).isEqualTo("member84");
        String administrator = http.signIn("admin", ADMIN_PASSWORD);
        HttpResponse<String> after = http.get("/people?after=member84", administrator);
        assertThat(after.body()).contains("data-username=\"staff1\"").doesNotContain("data-username=\"member83\"");
        assertThat(http.get("/people?after=NOT%20A%20NAME", administrator).statusCode()).isEqualTo(400);
    }

    @Test
    void aMemberSeesTheirOwnLocalsLeadersOnlyAndTheViewIsAudited() {
        String member = http.signIn("member83", "member-83-password");
        // The board section is a release of its own (board-contacts:...); this test is about the local's.
        long before = count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND actor = 'member83'"
                + " AND target LIKE 'leaders:%'");
        HttpResponse<String> page = http.get("/leaders", member);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("Alma Steward", "alma@work.example", "Bao Leader", "Site Steward")
                .as("not a leader").doesNotContain("Cora")
                .as("another local's leader").doesNotContain("Dmitri", "Otherlocal", "dmitri@")
                .as("not a field the policy allows on the leaders page").doesNotContain("@home.example", "503-555");
        Map<String, Object> entry = superuser.withHandle(h -> h.createQuery("""
                SELECT target, decision, row_count, policy_version FROM audit_entries
                WHERE action = 'DATA_RELEASE' AND actor = 'member83' AND target LIKE 'leaders:%'
                ORDER BY seq DESC LIMIT 1""").mapToMap().one());
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND actor = 'member83'"
                + " AND target LIKE 'leaders:%'")).isEqualTo(before + 1);
        assertThat(entry).containsEntry("target", "leaders:LOCAL:L083:EMAIL").containsEntry("decision", "VIEWED")
                .containsEntry("row_count", 2L);
        assertThat(entry.get("policy_version").toString()).startsWith("sha256:");

        HttpResponse<String> byPhone = http.get("/leaders?channel=PHONE", member);
        assertThat(byPhone.body()).as("no phone list of leaders' personal numbers (confidentiality §6)")
                .doesNotContain("503-555-0001", "Dmitri");
        HttpResponse<String> forged = http.get("/leaders?channel=L084", member);
        assertThat(forged.body()).as("a made-up channel is the first one").contains("alma@work.example").doesNotContain("Dmitri");

        String other = http.signIn("member84", "member-84-password");
        assertThat(http.get("/leaders", other).body()).contains("Dmitri Otherlocal").doesNotContain("Alma", "Bao");
        assertThat(count("SELECT count(*) FROM audit_entries WHERE target LIKE 'leaders:%' AND (target LIKE '%Alma%'"
                + " OR target LIKE '%@%')")).as("no member values in the trail").isZero();
    }

    @Test
    void withoutASignatureTheLeadersAreNotShownAndTheRefusalIsAudited() {
        String member = http.signIn("unsigned83", "unsigned-83-password");
        HttpResponse<String> page = http.get("/leaders", member);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ACKNOWLEDGEMENT_REQUIRED", "Confidentiality of member records, §10",
                "href=\"/acknowledgements\"").doesNotContain("Alma", "@work.example");
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DECISION' AND actor = 'unsigned83'"
                + " AND target = 'leaders:LOCAL:L083:EMAIL' AND decision = 'DENIED' AND reasons = 'ACKNOWLEDGEMENT_REQUIRED'"))
                .isEqualTo(1);
        assertThat(count("SELECT count(*) FROM audit_entries WHERE action = 'DATA_RELEASE' AND actor = 'unsigned83'")).isZero();
    }
}
