package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Role;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.RowSet;
import org.membergateway.requests.ListRequestDao;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/**
 * The exports' SQL on a real database: whose export a download may claim, how downloads are
 * counted against the limit, what the sweep finds due and why, and what leak tracing matches.
 */
class ExportDaoIntegrationTest {

    static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
    static TestDatabases.SplitRoles db;
    static ExportDao exports;
    static long request;

    @BeforeAll
    static void setUp() {
        db = TestDatabases.openFreshWithAppRole();
        UnionFixture union = UnionFixture.in(db.superuser()).local("L083", "R3", "STATE_AGENCIES");
        union.person("officer83", Role.LOCAL_OFFICER, "L083");
        union.person("officer84", Role.LOCAL_OFFICER, "L083");
        AccessRequest asked = new AccessRequest(Purpose.LOCAL_COMMUNICATION, null, PlacedScope.local("L083", "R3", "STATE_AGENCIES"),
                null, Audience.MEMBERS, Channel.EMAIL, List.of("first_name"), "");
        Decision allowed = new Decision(Outcome.ALLOW, List.of(), List.of(), null, List.of("first_name"), RowSet.ALL, "sha256:test");
        request = db.app().withExtension(ListRequestDao.class, dao -> dao.insert("officer83", asked, allowed, NOW.plusDays(30), null, null));
        exports = db.app().onDemand(ExportDao.class);
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    /** A READY export of the officer's request, with {@code max} downloads, expiring at {@code expires}. */
    static UUID ready(int max, OffsetDateTime expires) {
        UUID id = UUID.randomUUID();
        exports.insertBuilding(id, request, Encryption.PASSPHRASE, null, "officer83", expires, max);
        db.superuser().useHandle(h -> h.execute("INSERT INTO export_blobs (lo_oid, data_key) VALUES (0, '\\x00')"));
        long blob = TestDatabases.one(db.superuser(), "SELECT max(id) FROM export_blobs", Long.class);
        exports.markReady(id, blob, 40, 3, 1234, "ab".repeat(32));
        return id;
    }

    @Test
    void onlyTheRequesterClaimsTheirExport() {
        UUID id = ready(3, NOW.plusDays(7));
        assertThat(exports.lockForRequester(id, "officer83")).get().satisfies(export -> {
            assertThat(export.status()).isEqualTo(ExportStatus.READY);
            assertThat(export.rowCount()).isEqualTo(40);
            assertThat(export.bytes()).isEqualTo(1234);
            assertThat(export.maxDownloads()).isEqualTo(3);
        });
        assertThat(exports.lockForRequester(id, "officer84")).isEmpty();
        assertThat(exports.lockForVendor(id, 1)).as("not a vendor extract").isEmpty();
    }

    @Test
    void downloadsAreCountedAndTheDatabaseRefusesOneBeyondTheLimit() {
        UUID id = ready(2, NOW.plusDays(7));
        exports.countDownload(id);
        assertThat(exports.summaries(request)).filteredOn(s -> s.id().equals(id.toString()))
                .singleElement().extracting(s -> s.downloadsLeft()).isEqualTo(1);
        exports.countDownload(id);
        assertThatThrownBy(() -> exports.countDownload(id)).isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("exports_check");
    }

    @Test
    void theSweepFindsWhatExpiredAndWhatWasUsedUpAndSaysWhich() {
        UUID expired = ready(3, NOW.minusSeconds(1));
        UUID usedUp = ready(1, NOW.plusDays(7));
        exports.countDownload(usedUp);
        UUID live = ready(3, NOW.plusDays(7));

        List<ExportDao.Due> due = exports.due(NOW);
        assertThat(due).contains(new ExportDao.Due(expired, DestroyReason.EXPIRED), new ExportDao.Due(usedUp, DestroyReason.DOWNLOAD_LIMIT));
        assertThat(due).extracting(ExportDao.Due::id).doesNotContain(live);

        exports.markDestroyed(expired, DestroyReason.EXPIRED);
        assertThat(exports.lockLive(expired)).as("destroyed once, never again").isEmpty();
        assertThat(exports.due(NOW)).extracting(ExportDao.Due::id).doesNotContain(expired);
    }

    @Test
    void aBuildWhoseHeartbeatStoppedFails() {
        UUID stalled = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        exports.insertBuilding(stalled, request, Encryption.PASSPHRASE, null, "officer83", NOW.plusDays(7), 3);
        exports.insertBuilding(running, request, Encryption.PASSPHRASE, null, "officer83", NOW.plusDays(7), 3);
        db.superuser().useHandle(h -> h.execute("UPDATE exports SET progress_at = now() - interval '1 hour' WHERE id = ?", stalled));
        exports.recordProgress(running, 500);

        assertThat(exports.failStalled(NOW.minusMinutes(10))).as("only the stalled one, named").containsExactly(stalled);
        assertThat(exports.summaries(request)).filteredOn(s -> s.id().equals(stalled.toString())).singleElement()
                .extracting(s -> s.status()).isEqualTo("FAILED");
        assertThat(exports.summaries(request)).filteredOn(s -> s.id().equals(running.toString())).singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo("BUILDING");
                    assertThat(s.rowsWritten()).isEqualTo(500);
                    assertThat(s.rows()).as("no row count until READY").isNull();
                });
    }

    @Test
    void leakTracingPicksASeedOutOnlyByWhatNoMemberHasOrByItsFullNameWithMore() {
        UUID id = ready(3, NOW.plusDays(7));
        exports.insertSeeds(id, List.of(0, 1), List.of("""
                {"first_name": "Linh", "last_name": "Tran", "home_street": "1847 Liberty St",
                 "home_email": "Linh.Tran.4821@example.com", "preferred_language": "en"}""", """
                {"first_name": "Maria", "last_name": "Lopez", "home_phone": "(503) 555-0142", "preferred_language": "en"}"""));
        assertThat(exports.seedHits(new int[] {0}, new String[] {"linh.tran.4821@example.com"})).singleElement().satisfies(hit -> {
            assertThat(hit.exportId()).isEqualTo(id);
            assertThat(hit.requestId()).isEqualTo(request);
            assertThat(hit.requester()).isEqualTo("officer83");
            assertThat(hit.fields()).isEqualTo("home_email");
            assertThat(hit.seedNo()).isZero();
        });
        // A phone number however it was written: the tracer sends its digits.
        assertThat(exports.seedHits(new int[] {0}, new String[] {"5035550142"})).singleElement()
                .satisfies(hit -> assertThat(hit.seedNo()).isEqualTo(1));
        assertThat(exports.seedHits(new int[] {0}, new String[] {"5035550199"})).isEmpty();
        // Names, languages and cities are the union's own: alone they prove nothing.
        assertThat(exports.seedHits(new int[] {0, 0, 0}, new String[] {"linh", "tran", "en"})).isEmpty();
        assertThat(exports.seedHits(new int[] {0, 0, 0}, new String[] {"linh", "tran", "1847 liberty st"})).singleElement()
                .satisfies(hit -> assertThat(hit.fields()).isEqualTo("first_name,home_street,last_name"));
        // Within one row of the list, the full name is enough (a seed's is no member's); across rows it is not.
        assertThat(exports.seedHits(new int[] {1, 1, 1}, new String[] {"maria", "lopez", "salem"})).singleElement()
                .satisfies(hit -> assertThat(hit.seedNo()).isEqualTo(1));
        assertThat(exports.seedHits(new int[] {1, 2}, new String[] {"maria", "lopez"})).isEmpty();
        assertThat(exports.seededValues(new String[] {"home_email", "home_phone"},
                new String[] {"linh.tran.4821@example.com", "5035550142", "5035550199"}))
                .containsExactlyInAnyOrder("linh.tran.4821@example.com", "5035550142");
    }
}
