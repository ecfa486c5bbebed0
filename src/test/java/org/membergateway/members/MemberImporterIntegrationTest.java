package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.audit.AuditConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import java.nio.file.Path;
import org.membergateway.testing.TestDatabases;

/** Imports against a real PostgreSQL: all-or-nothing, counts, whole-file checks. */
class MemberImporterIntegrationTest {

    static final String HEADER = String.join(",", MemberCsv.COLUMNS) + "\n";

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static AuditService audit;
    private static MemberImporter importer;

    @BeforeAll
    static void open(@TempDir Path dataDir) {
        // As production runs it: the application role cannot rewrite the audit trail.
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        audit = AuditService.start(new AuditConfiguration(), dataDir, jdbi, "member-import-test-passphrase".toCharArray());
        importer = new MemberImporter(jdbi, audit.trail());
    }

    @AfterAll
    static void close() {
        audit.close();
        database.close();
    }

    @BeforeEach
    void empty() {
        database.superuser().useHandle(h -> h.execute("TRUNCATE members, locals, regions, employer_groups CASCADE"));
    }

    static String row(String id, String local, String region, String group, String lastName, String birthDate) {
        return String.join(",", id, "Ana", lastName, local, region, group, "\"Oregon Department of Human Services\"",
                "Salem Field Office", "Office Specialist 2", "MEMBER", "true", "\"123 Main St, Apt 4\"", "Salem", "OR",
                "97301", "(503) 555-0101", "", "ana@example.com", "", birthDate, "Spanish", "false", "true") + "\n";
    }

    private ImportResult load(String csv) {
        try (MemberCsvReader reader = MemberCsvReader.open(new StringReader(csv), 1_000)) {
            return importer.importRows(reader, "test-admin", MemberImporter.Progress.NONE);
        }
    }

    private long count(String table) {
        return one(jdbi, "SELECT count(*) FROM " + table, Long.class);
    }

    @Test
    void importsNewMembersThenCountsUpdatesAndUnchangedRows() {
        ImportResult first = load(HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "1980-02-29")
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "")
                + row("M3", "L142", "R1", "UNIVERSITIES", "Ivanova", "1975-12-01"));
        assertThat(first).isEqualTo(new ImportResult(3, 0, 0));
        assertThat(count("locals")).isEqualTo(2);
        assertThat(count("regions")).isEqualTo(2);

        Map<String, Object> stored = jdbi.withHandle(h -> h.createQuery(
                "SELECT home_street, birth_date::text AS birth_date, cape_contributor, mobile_phone, region"
                        + " FROM members WHERE member_id = 'M1'").mapToMap().one());
        assertThat(stored).containsEntry("home_street", "123 Main St, Apt 4")
                .containsEntry("birth_date", "1980-02-29")
                .containsEntry("cape_contributor", true)
                .containsEntry("mobile_phone", null)
                .containsEntry("region", "R2");

        ImportResult second = load(HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "1980-02-29")
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen-Tran", "")
                + row("M4", "L142", "R1", "UNIVERSITIES", "Chen", ""));
        assertThat(second).isEqualTo(new ImportResult(1, 1, 1));
        assertThat(count("members")).isEqualTo(4);
        assertThat(one(jdbi, "SELECT last_name FROM members WHERE member_id = 'M2'", String.class)).isEqualTo("Nguyen-Tran");
    }

    @Test
    void aBadLineRejectsTheWholeFileAndNamesLineAndColumn() {
        load(HEADER + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", ""));
        String bad = HEADER
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "")
                + row("M3", "L900", "R9", "HOMECARE", "Chen", "")
                + row("M4", "L083", "R2", "STATE_AGENCIES", "Smith", "12/01/1975");
        assertThatThrownBy(() -> load(bad))
                .isInstanceOf(ImportException.class)
                .hasMessage("line 4, column birth_date: expected an ISO-8601 date (YYYY-MM-DD)")
                .hasMessageNotContaining("12/01/1975");
        assertThat(count("members")).isEqualTo(1);
        assertThat(count("locals")).isEqualTo(1);
        assertThat(count("regions")).isEqualTo(1);
    }

    @Test
    void aRowTheDatabaseRefusesIsReportedWithoutItsValues() {
        // Past the reader (which would refuse it): a lower-case state breaks the table's CHECK, and
        // PostgreSQL's own message would list the whole row.
        MemberRow row = new MemberRow("M77", "Ngọc", "Trần-Whitfield", "L083", "R2", "STATE_AGENCIES", null, null, null,
                MembershipStatus.MEMBER, false, "4711 Larkspur Ln", "Salem", "or", "97301", "(503) 555-0177", null,
                "ngoc.tran@example.com", null, java.time.LocalDate.of(1971, 6, 30), null, false, false);
        assertThatThrownBy(() -> importer.importRows(MemberSource.of(List.of(row).iterator()), "test-admin",
                MemberImporter.Progress.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SQLSTATE 23514").hasMessageContaining("nothing was imported")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("Ngọc", "Trần", "Larkspur", "555-0177",
                        "ngoc.tran", "1971"));
        assertThat(count("members")).isZero();
    }

    @Test
    void aDuplicateMemberIdNamesTheSecondLine() {
        String csv = HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "")
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "")
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "");
        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(ImportException.class)
                .hasMessage("line 4, column member_id: duplicate member_id (first given on line 2)");
        assertThat(count("members")).isZero();
    }

    @Test
    void aLocalPlacedInTwoRegionsIsRejected() {
        String csv = HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "")
                + row("M2", "L083", "R3", "STATE_AGENCIES", "Nguyen", "");
        assertThatThrownBy(() -> load(csv))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("line 3, column region: this local was given a different region on line 2");
        assertThat(count("members")).isZero();
    }

    @Test
    void aLocalThatMovesTakesItsExistingMembersAlong() {
        load(HEADER + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", ""));
        load(HEADER + row("M2", "L083", "R4", "STATE_AGENCIES", "Nguyen", ""));
        List<String> regions = jdbi.withHandle(h -> h.createQuery(
                "SELECT region FROM members ORDER BY member_id").mapTo(String.class).list());
        assertThat(regions).containsExactly("R4", "R4");
        assertThat(one(jdbi, "SELECT region_id FROM locals WHERE id = 'L083'", String.class)).isEqualTo("R4");
    }

    @Test
    void aBulkLoadRebuildsEveryIndexAndKeyItDropped() {
        String catalog = "SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'members'";
        String keys = "SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), ',' ORDER BY conname)"
                + " FROM pg_constraint WHERE conrelid = 'members'::regclass";
        String indexesBefore = one(jdbi, catalog, String.class);
        String keysBefore = one(jdbi, keys, String.class);
        MemberImporter bulk = new MemberImporter(jdbi, audit.trail(), 1);
        String csv = HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", "")
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "");
        try (MemberCsvReader reader = MemberCsvReader.open(new StringReader(csv), 10)) {
            assertThat(bulk.importRows(reader, "test-admin", MemberImporter.Progress.NONE)).isEqualTo(new ImportResult(2, 0, 0));
        }
        String update = HEADER
                + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes-Diaz", "")
                + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "")
                + row("M3", "L083", "R2", "STATE_AGENCIES", "Chen", "");
        try (MemberCsvReader reader = MemberCsvReader.open(new StringReader(update), 10)) {
            assertThat(bulk.importRows(reader, "test-admin", MemberImporter.Progress.NONE)).isEqualTo(new ImportResult(1, 1, 1));
        }
        assertThat(one(jdbi, catalog, String.class)).isEqualTo(indexesBefore).contains("members_local_idx");
        assertThat(one(jdbi, keys, String.class)).isEqualTo(keysBefore)
                .contains("ON UPDATE CASCADE").contains("members_pkey PRIMARY KEY (member_id)");
        assertThat(count("members")).isEqualTo(3);
    }

    @Test
    void everyImportIsAuditedBeforeAndAfterWithoutMemberData() {
        long before = one(jdbi, "SELECT coalesce(max(seq), 0) FROM audit_entries", Long.class);
        load(HEADER + row("M1", "L083", "R2", "STATE_AGENCIES", "Reyes", ""));
        assertThatThrownBy(() -> load(HEADER + row("M2", "L083", "R2", "STATE_AGENCIES", "Nguyen", "1971-02-30")))
                .isInstanceOf(ImportException.class);
        assertThatThrownBy(() -> load("member_id,first_name\nM3,Ana\n")).isInstanceOf(ImportException.class);
        List<Map<String, Object>> entries = jdbi.withHandle(h -> h.createQuery(
                "SELECT actor, action, target, decision, reasons, row_count FROM audit_entries WHERE seq > :before ORDER BY seq")
                .bind("before", before).mapToMap().list());
        assertThat(entries).extracting(e -> e.get("decision"))
                .containsExactly("STARTED", "IMPORTED", "STARTED", "REJECTED", "STARTED", "REJECTED");
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.get("action")).isEqualTo("MEMBER_IMPORT");
            assertThat(e.get("actor")).isEqualTo("test-admin");
            assertThat(e.toString()).doesNotContain("Reyes").doesNotContain("Nguyen").doesNotContain("M1");
        });
        assertThat(entries.get(1).get("row_count")).isEqualTo(1L);
        assertThat(String.valueOf(entries.get(3).get("reasons"))).contains("INVALID_CSV");
    }

    @Test
    void anImportTheAuditTrailCannotRecordDoesNotHappen() {
        String role = TestDatabases.APP_ROLE;
        database.superuser().useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + role));
        try {
            assertThatThrownBy(() -> load(HEADER + row("M9", "L083", "R2", "STATE_AGENCIES", "Reyes", "")))
                    .isInstanceOf(AuditUnavailableException.class);
        } finally {
            database.superuser().useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + role));
        }
        assertThat(count("members")).isZero();
    }

    @Test
    void aHeaderOnlyFileImportsNothing() {
        assertThat(load(HEADER)).isEqualTo(new ImportResult(0, 0, 0));
    }
}
