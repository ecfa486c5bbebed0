package org.membergateway.members;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;

import java.nio.file.Path;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.audit.AuditConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.demo.DemoUnion;
import org.membergateway.testing.TestDatabases;

/** The demo-sized union (72,000 members) loads, and scope queries are served by their indexes. */
class ScopeIndexIntegrationTest {

    private static GatewayDatabase database;
    private static AuditService audit;
    private static Jdbi jdbi;
    private static DemoUnion demo;

    @BeforeAll
    static void load(@TempDir Path dataDir) {
        database = TestDatabases.openFresh();
        jdbi = database.jdbi();
        audit = AuditService.start(new AuditConfiguration(), dataDir, jdbi, "scope-index-test-passphrase".toCharArray());
        demo = new DemoUnion(jdbi, new MemberImporter(jdbi, audit.trail()));
        assertThat(demo.loadIfEmpty(503, 72_000, MemberImporter.Progress.NONE))
                .hasValueSatisfying(r -> assertThat(r.inserted()).isEqualTo(72_000));
    }

    @AfterAll
    static void close() {
        audit.close();
        database.close();
    }

    private String plan(String sql, String... args) {
        List<String> lines = jdbi.withHandle(h -> {
            var query = h.createQuery("EXPLAIN " + sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(String.class).list();
        });
        return String.join("\n", lines);
    }

    private String aLocal() {
        return one(jdbi, "SELECT local_id FROM members GROUP BY local_id ORDER BY count(*) DESC LIMIT 1", String.class);
    }

    @Test
    void theDemoUnionHasItsStructure() {
        List<Long> counts = jdbi.withHandle(h -> h.createQuery(
                "SELECT (SELECT count(*) FROM locals), (SELECT count(*) FROM regions), (SELECT count(*) FROM employer_groups)")
                .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).one());
        assertThat(counts.get(0)).isBetween(50L, 70L);
        assertThat(counts.get(1)).isEqualTo(6);
        assertThat(counts.get(2)).isEqualTo(5);
        // Region names come from the demo, not the ids the import would have used.
        assertThat(one(jdbi, "SELECT name FROM regions WHERE id = 'R1'", String.class))
                .isEqualTo("Portland Metro");
    }

    @Test
    void aSecondLoadLeavesAnExistingDatabaseAlone() {
        assertThat(demo.loadIfEmpty(7, 1_000, MemberImporter.Progress.NONE)).isEmpty();
        assertThat(demo.memberCount()).isEqualTo(72_000);
    }

    @Test
    void aLocalScopeQueryUsesTheLocalIndex() {
        String plan = plan("SELECT member_id, first_name, home_email FROM members WHERE local_id = ?", aLocal());
        assertThat(plan).contains("Index").contains("members_local_idx").doesNotContain("Seq Scan");
    }

    @Test
    void aLocalScopeWithAudienceUsesBothIndexColumns() {
        String plan = plan("SELECT member_id FROM members WHERE local_id = ? AND membership_status = 'MEMBER'", aLocal());
        assertThat(plan).contains("members_local_idx").doesNotContain("Seq Scan");
    }

    @Test
    void worksiteAndClassificationFiltersHaveIndexes() {
        String worksite = one(jdbi, "SELECT worksite FROM members WHERE worksite IS NOT NULL LIMIT 1", String.class);
        assertThat(plan("SELECT member_id FROM members WHERE worksite = ?", worksite))
                .contains("members_worksite_idx").doesNotContain("Seq Scan");
    }
}
