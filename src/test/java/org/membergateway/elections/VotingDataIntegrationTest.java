package org.membergateway.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.testing.ApiClient;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestElections;
import org.membergateway.testing.GnuPg;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * Membership voting data (AP&P XVI §6(e)) end to end over HTTP on embedded PostgreSQL: staff import
 * an election's records (all or nothing, refusals naming line and column but never a value), a
 * declared board-seat candidate and a local president get voting data by rule, without approval,
 * and gpg decrypts exactly the requested columns of exactly that election's records in scope, with
 * no contact field and no seed records.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class VotingDataIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-7";
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.create(ADMIN_PASSWORD,
            ConfigOverride.config("exports.sweepEvery", "1h"));

    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String STAFF = basic("staff1", "staff-1-password");
    static final String PRESIDENT = basic("president83", "president-83-password");
    static final String CANDIDATE = basic("candidate1", "candidate-1-password");
    static final String HEADER = "election_id,member_id,voted,method";
    static ApiClient api;
    static Jdbi superuser;
    static GnuPg gpg;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayTestApp.superuser(APP);
        UnionFixture.in(superuser).local("L083", "R3", "STATE_AGENCIES").local("L084", "R3", "UNIVERSITIES")
                .local("L101", "R1", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     worksite, home_street, home_city, home_state, home_zip, home_email, mobile_phone)
                SELECT 'V' || lpad(i::text, 3, '0'), 'First' || i, 'Last' || i,
                       CASE WHEN i <= 10 THEN 'L083' WHEN i <= 15 THEN 'L084' ELSE 'L101' END,
                       CASE WHEN i <= 15 THEN 'R3' ELSE 'R1' END,
                       CASE WHEN i <= 10 OR i > 15 THEN 'STATE_AGENCIES' ELSE 'UNIVERSITIES' END,
                       CASE WHEN i = 10 THEN 'FAIR_SHARE' ELSE 'MEMBER' END,
                       'Site ' || i, i || ' Main St', 'Salem', 'OR', '97301', 'v' || i || '@example.org', '503-555-01' || lpad(i::text, 2, '0')
                FROM generate_series(1, 20) AS i"""));
        TestPeople.create(api, ADMIN, "staff1", "Test staff1", "staff-1-password", "STAFF", null);
        TestPeople.create(api, ADMIN, "president83", "Test president83", "president-83-password", "LOCAL_PRESIDENT", "L083");
        TestPeople.create(api, ADMIN, "candidate1", "Test candidate1", "candidate-1-password", "MEMBER", "L083");
        TestElections.forCandidacy(superuser, "E2027-BOARD-R3", Office.BOARD_SEAT, ScopeType.REGION, "R3");
        HttpResponse<String> declared = api.postJson("/api/v1/people/candidate1/candidacies", ADMIN, Map.of(
                "office", "BOARD_SEAT", "scopeType", "REGION", "scopeId", "R3", "electionId", "E2027-BOARD-R3"));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        AcknowledgementService acknowledgements = APP.<GatewayApplication>getApplication().services().acknowledgements();
        TestPeople.acknowledgeEverything(api, acknowledgements, PRESIDENT, "Test president83");
        TestPeople.acknowledgeEverything(api, acknowledgements, CANDIDATE, "Test candidate1");

        // The 2026 board election: every member has a record; the odd ones voted, by mail or online.
        StringBuilder board = new StringBuilder(HEADER + "\r\n");
        for (int i = 1; i <= 20; i++) {
            board.append("E2026-BOARD,V").append(String.format("%03d", i)).append(',')
                    .append(i % 2 == 1 ? "true," + (i % 4 == 1 ? "MAIL" : "ONLINE") : "false,").append("\r\n");
        }
        HttpResponse<String> imported = importCsv(STAFF, board.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json(imported).path("inserted").asLong()).isEqualTo(20);
        // An earlier CAPE election in which only the first five had a ballot, all in person.
        StringBuilder cape = new StringBuilder("member_id,voted,method,election_id\n");
        for (int i = 1; i <= 5; i++) {
            cape.append("V00").append(i).append(",true,IN_PERSON,E2024-CAPE\n");
        }
        assertThat(importCsv(STAFF, cape.toString()).statusCode()).isEqualTo(200);
        gpg = GnuPg.trustingGateway(api);
    }

    @AfterAll
    static void tearDown() {
        if (gpg != null) {
            gpg.close();
        }
    }

    static HttpResponse<String> importCsv(String who, String csv) {
        return api.post("/api/v1/voting-records/import", who, "text/csv", csv);
    }

    static Map<String, Object> votingRequest(String scopeType, String scopeId, String election, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("purpose", "VOTING_DATA");
        body.put("scope", Map.of("type", scopeType, "id", scopeId));
        if (election != null) {
            body.put("filters", Map.of("electionId", election));
        }
        body.put("audience", "MEMBERS");
        body.put("channel", "MAIL");
        body.put("fields", fields);
        body.put("justification", "Turnout in our region");
        return body;
    }

    static long countRecords() {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM voting_records").mapTo(Long.class).one());
    }

    /** The lines of the decrypted export of an approved request, made with a one-time passphrase. */
    static List<String> exportLines(long requestId, String who) throws Exception {
        HttpResponse<String> created = api.postJson("/api/v1/list-requests/" + requestId + "/exports", who,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        HttpResponse<byte[]> download = api.getBytes("/api/v1/exports/" + json(created).path("id").asText(), who);
        assertThat(download.statusCode()).isEqualTo(200);
        List<String> lines = gpg.decryptWithPassphrase(download.body(), json(created).path("passphrase").asText())
                .lines().toList();
        assertThat(json(created).path("rows").asLong()).as("rows counts the file's rows: no seeds among them")
                .isEqualTo(lines.size() - 1);
        return lines;
    }

    @Test
    void aDeclaredCandidateGetsTheirRegionsVotingDataByRuleWithOnlyTheRequestedColumnsOfThatElection() throws Exception {
        List<String> fields = List.of("last_name", "first_name", "local_id", "worksite", "election_id", "voted", "method");
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", CANDIDATE,
                votingRequest("REGION", "R3", "E2026-BOARD", fields));
        // An entitlement (AP&P XVI §6(e)): approved at once, although the candidate's own electorate is R3.
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        JsonNode request = json(asked);
        assertThat(request.path("status").asText()).isEqualTo("APPROVED");
        assertThat(request.path("filters").path("electionId").asText()).isEqualTo("E2026-BOARD");

        List<String> lines = exportLines(request.path("id").asLong(), CANDIDATE);
        assertThat(lines.get(0)).isEqualTo(String.join(",", fields));
        // R3's members (L083 and L084; not V010, a fair-share payer; not L101 in R1), 2026 only.
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            if (i == 10) {
                continue;
            }
            String vote = i % 2 == 1 ? "true," + (i % 4 == 1 ? "MAIL" : "ONLINE") : "false,";
            expected.add("Last" + i + ",First" + i + "," + (i <= 10 ? "L083" : "L084") + ",Site " + i + ",E2026-BOARD," + vote);
        }
        assertThat(lines.subList(1, lines.size())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(String.join("\n", lines)).doesNotContain("@example.org").doesNotContain("Main St").doesNotContain("503-555");
    }

    @Test
    void aLocalPresidentGetsTheirLocalsRecordsOfTheNamedElectionOnly() throws Exception {
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT,
                votingRequest("LOCAL", "L083", "E2024-CAPE", List.of("last_name", "voted", "method")));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        List<String> lines = exportLines(json(asked).path("id").asLong(), PRESIDENT);
        assertThat(lines).containsExactly("last_name,voted,method", "Last1,true,IN_PERSON", "Last2,true,IN_PERSON",
                "Last3,true,IN_PERSON", "Last4,true,IN_PERSON", "Last5,true,IN_PERSON");
    }

    @Test
    void contactFieldsAMissingElectionAndAnotherRegionAreRefused() {
        HttpResponse<String> contact = api.postJson("/api/v1/list-requests", CANDIDATE,
                votingRequest("REGION", "R3", "E2026-BOARD", List.of("first_name", "home_street", "voted")));
        assertThat(contact.statusCode()).as(contact.body()).isEqualTo(403);
        assertThat(contact.body()).contains("FIELDS_EXCEED_PURPOSE");

        HttpResponse<String> noElection = api.postJson("/api/v1/list-requests", CANDIDATE,
                votingRequest("REGION", "R3", null, List.of("first_name", "voted")));
        assertThat(noElection.statusCode()).as(noElection.body()).isEqualTo(400);
        assertThat(json(noElection).path("field").asText()).isEqualTo("filters.electionId");

        HttpResponse<String> elsewhere = api.postJson("/api/v1/list-requests", CANDIDATE,
                votingRequest("REGION", "R1", "E2026-BOARD", List.of("first_name", "voted")));
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(403);
        assertThat(elsewhere.body()).contains("OUT_OF_SCOPE");
    }

    @Test
    void aBadFileIsRefusedWholeNamingLineAndColumnButNeverTheValue() {
        long before = countRecords();
        record Bad(String csv, long line, String column) {
        }
        List<Bad> bad = List.of(
                new Bad(HEADER + "\nE2026-X,V001,true,MAIL\nE2026-X,SECRET-ID-77,true,MAIL\n", 3, "member_id"),
                new Bad(HEADER + "\nE2026-X,V001,true,MAIL\nE2026-X,V001,false,\n", 3, "member_id"),
                new Bad(HEADER + "\nE2026-X,V001,maybe,MAIL\n", 2, "voted"),
                new Bad(HEADER + "\nE2026-X,V001,true,\n", 2, "method"),
                new Bad(HEADER + "\nE2026-X,V001,false,BY-PIGEON\n", 2, "method"),
                new Bad(HEADER + "\nE2026-X,V002,false,MAIL\n", 2, "method"),
                new Bad(HEADER + "\nE2026-X,V001,true,MAIL\n\n-bad election,V002,true,MAIL\n", 4, "election_id"),
                new Bad(HEADER + "\nE2026-X,V001,true\n", 2, null),
                new Bad(HEADER + "\nE2026-X,V001,true,\"MAIL\n", 2, null),
                new Bad("election_id,member_id,voted,home_email\nE2026-X,V001,true,a@b.org\n", 1, null));
        for (Bad b : bad) {
            HttpResponse<String> refused = importCsv(STAFF, b.csv());
            assertThat(refused.statusCode()).as(b.csv() + refused.body()).isEqualTo(400);
            JsonNode error = json(refused);
            assertThat(error.path("error").asText()).isEqualTo("INVALID_CSV");
            assertThat(error.path("message").asText()).as(b.csv()).startsWith("line " + b.line());
            assertThat(error.path("line").asLong()).as(b.csv()).isEqualTo(b.line());
            if (b.column() != null) {
                assertThat(error.path("column").asText()).as(b.csv()).isEqualTo(b.column());
            }
            assertThat(refused.body()).doesNotContain("SECRET-ID-77").doesNotContain("maybe").doesNotContain("PIGEON")
                    .doesNotContain("a@b.org").doesNotContain("-bad election");
        }
        assertThat(countRecords()).as("nothing of a refused file is kept").isEqualTo(before);
        long rejected = superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries"
                + " WHERE action = 'VOTING_RECORDS_IMPORT' AND decision = 'REJECTED'").mapTo(Long.class).one());
        assertThat(rejected).isEqualTo(bad.size());
    }

    @Test
    void onlyStaffAndAdminImportAndOnlyAsCsv() {
        assertThat(importCsv(PRESIDENT, HEADER + "\nE2026-Y,V001,true,MAIL\n").statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/voting-records/import", STAFF, "application/json", "{}").statusCode()).isEqualTo(415);
        HttpResponse<String> byAdmin = importCsv(ADMIN, HEADER + "\nE2026-Y,V001,true,MAIL\n");
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
    }

    @Test
    void reimportingUpdatesChangedRecordsKeepsTheirFirstImportAndIsAuditedWithCountsOnly() {
        assertThat(json(importCsv(STAFF, HEADER + "\nE2025-Z,V001,true,MAIL\nE2025-Z,V002,false,\n")).path("inserted").asLong())
                .isEqualTo(2);
        var firstImport = superuser.withHandle(h -> h.createQuery(
                "SELECT imported_at FROM voting_records WHERE election_id = 'E2025-Z' AND member_id = 'V002'")
                .mapTo(java.time.OffsetDateTime.class).one());
        HttpResponse<String> again = importCsv(STAFF, HEADER + "\nE2025-Z,V001,true,MAIL\nE2025-Z,V002,true,ONLINE\n"
                + "E2025-Z,V003,false,\n");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode result = json(again);
        assertThat(result.path("inserted").asLong()).isEqualTo(1);
        assertThat(result.path("updated").asLong()).isEqualTo(1);
        assertThat(result.path("unchanged").asLong()).isEqualTo(1);
        java.time.OffsetDateTime stillFirst = superuser.withHandle(h -> h.createQuery(
                "SELECT imported_at FROM voting_records WHERE election_id = 'E2025-Z' AND member_id = 'V002'")
                .mapTo(java.time.OffsetDateTime.class).one());
        assertThat(stillFirst).isEqualTo(firstImport);
        Map<String, Object> entry = superuser.withHandle(h -> h.createQuery("SELECT actor, target, row_count, reasons"
                + " FROM audit_entries WHERE action = 'VOTING_RECORDS_IMPORT' AND decision = 'IMPORTED' ORDER BY seq DESC LIMIT 1")
                .mapToMap().one());
        assertThat(entry).containsEntry("actor", "staff1").containsEntry("target", "voting-records").containsEntry("row_count", 2L);
        assertThat(entry.toString()).doesNotContain("V00").doesNotContain("E2025");
    }
}
