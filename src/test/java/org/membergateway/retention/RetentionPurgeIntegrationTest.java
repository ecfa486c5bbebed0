package org.membergateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.audit.AuditConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditTrail;
import org.membergateway.audit.AuditVerification;
import org.membergateway.audit.AuditVerifier;
import org.membergateway.exports.BlobWriter;
import org.membergateway.exports.ExportBlobStore;
import org.membergateway.exports.ExportKeyWrapping;
import org.membergateway.exports.ExportShredder;
import org.membergateway.policy.PolicySource;
import org.membergateway.testing.MutableClock;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.UnionFixture;

/**
 * The records purge on embedded PostgreSQL, as the application role, with the bundled schedule:
 * records older and newer than their periods, a dry run compared table by table before and after,
 * the purge's report against the dry run's, the audit trail, and two purges at once.
 */
class RetentionPurgeIntegrationTest {

    private static TestDatabases.SplitRoles db;
    private static AuditService audit;
    private static RetentionSchedule schedule;
    private static ExportBlobStore blobs;
    private static ExportShredder shredder;

    @TempDir
    static Path dataDir;

    @BeforeAll
    static void start() {
        db = TestDatabases.openFreshWithAppRole();
        UnionFixture.in(db.superuser()).local("L1", "R1", "G1");
        AuditConfiguration configuration = new AuditConfiguration();
        configuration.setAutomaticCheckpoints(false);
        audit = AuditService.start(configuration, dataDir, db.app(), "retention-test-passphrase".toCharArray());
        schedule = RetentionSchedule.load(PolicySource.bundled());
        blobs = new ExportBlobStore(ExportKeyWrapping.generate());
        shredder = new ExportShredder(db.app(), blobs, audit.trail());
    }

    @AfterAll
    static void stop() {
        if (audit != null) {
            audit.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static RetentionPurge purge(MutableClock clock) {
        return new RetentionPurge(db.app(), schedule, shredder, audit.trail(), clock);
    }

    // ---- seed data ------------------------------------------------------------------------------

    private static long person(Handle h, String username) {
        return h.createQuery("""
                        INSERT INTO people (username, display_name, password_hash) VALUES (:u, :u, '$argon2id$test')
                        RETURNING id""").bind("u", username).mapTo(Long.class).one();
    }

    private static long request(Handle h, long requester, String justification, OffsetDateTime expires) {
        return h.createQuery("""
                        INSERT INTO list_requests (requester_id, purpose, scope_type, scope_id, audience, channel, fields,
                            justification, status, policy_version, reasons, approvers, created_at, expires_at)
                        VALUES (:r, 'LOCAL_COMMUNICATION', 'LOCAL', 'L1', 'MEMBERS', 'EMAIL', ARRAY['first_name'], :j,
                            'APPROVED', 'test', '[]', '[]', CAST(:expires AS timestamptz) - interval '30 days', :expires)
                        RETURNING id""")
                .bind("r", requester).bind("j", justification).bind("expires", expires).mapTo(Long.class).one();
    }

    private static UUID readyExport(Handle h, long request, Long blobId, OffsetDateTime expires, int downloads) {
        UUID id = UUID.randomUUID();
        h.createUpdate("""
                        INSERT INTO exports (id, request_id, blob_id, encryption, status, created_by, created_at, ready_at,
                            expires_at, max_downloads, downloads)
                        VALUES (:id, :r, :blob, 'PASSPHRASE', 'READY', 'requester', CAST(:expires AS timestamptz) - interval '7 days',
                            CAST(:expires AS timestamptz) - interval '7 days', :expires, 3, :downloads)""")
                .bind("id", id).bind("r", request).bind("blob", blobId).bind("expires", expires)
                .bind("downloads", downloads).execute();
        return id;
    }

    private static UUID destroyedExport(Handle h, long request, OffsetDateTime destroyed, int seeds) {
        long blob = h.createQuery("""
                        INSERT INTO export_blobs (lo_oid, data_key, destroyed_at) VALUES (4242, NULL, :at) RETURNING id""")
                .bind("at", destroyed).mapTo(Long.class).one();
        UUID id = UUID.randomUUID();
        h.createUpdate("""
                        INSERT INTO exports (id, request_id, blob_id, encryption, status, created_by, created_at, expires_at,
                            max_downloads, destroyed_at, destroyed_reason)
                        VALUES (:id, :r, :blob, 'PASSPHRASE', 'DESTROYED', 'requester', CAST(:at AS timestamptz) - interval '7 days', :at, 3,
                            :at, 'EXPIRED')""")
                .bind("id", id).bind("r", request).bind("blob", blob).bind("at", destroyed).execute();
        for (int i = 1; i <= seeds; i++) {
            h.createUpdate("INSERT INTO export_seeds (export_id, seed_no, record) VALUES (:id, :no, '{}')")
                    .bind("id", id).bind("no", i).execute();
        }
        return id;
    }

    private static UUID acknowledgement(Handle h, String username, OffsetDateTime expires) {
        UUID id = UUID.randomUUID();
        h.createUpdate("""
                        INSERT INTO acknowledgements (id, username, document_id, version, language, document_sha256, method,
                            typed_name, signed_at, expires_at, recorded_by, receipt, signature, key_fingerprint)
                        VALUES (:id, :u, 'confidentiality-policy', '2017-11-18', 'en', repeat('a', 64), 'ONLINE', 'Typed',
                            CAST(:expires AS timestamptz) - interval '1 year', :expires, :u, 'receipt', 'signature', repeat('A', 40))""")
                .bind("id", id).bind("u", username).bind("expires", expires).execute();
        return id;
    }

    private static void attestation(Handle h, long request, OffsetDateTime recorded) {
        h.createUpdate("""
                        INSERT INTO extract_destructions (list_request_id, attested_by, destroyed_on, method, recorded_at)
                        VALUES (:r, 'staffer', CAST(:at AS date), 'shredded', :at)""")
                .bind("r", request).bind("at", recorded).execute();
    }

    private static void session(Handle h, long person, OffsetDateTime expires) {
        h.createUpdate("""
                        INSERT INTO web_sessions (token_digest, person_id, security_stamp, csrf_token, created_at,
                            last_seen_at, expires_at)
                        VALUES (sha256(CAST(gen_random_uuid()::text AS bytea)), :p, 1, repeat('c', 43),
                            CAST(:expires AS timestamptz) - interval '8 hours', CAST(:expires AS timestamptz) - interval '8 hours', :expires)""")
                .bind("p", person).bind("expires", expires).execute();
    }

    private static void throttle(Handle h, OffsetDateTime updated, OffsetDateTime lockedUntil) {
        h.createUpdate("""
                        INSERT INTO login_throttle (name_key, failures, first_failure_at, locked_until, updated_at)
                        VALUES (sha256(CAST(gen_random_uuid()::text AS bytea)), 5, :at, :locked, :at)""")
                .bind("at", updated).bind("locked", lockedUntil).execute();
    }

    /** A voting record of a member of L1 (made when new), first imported at {@code imported}. */
    private static void votingRecord(Handle h, String election, String memberId, OffsetDateTime imported) {
        h.createUpdate("""
                        INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status)
                        VALUES (:m, 'First', 'Last', 'L1', 'R1', 'G1', 'MEMBER') ON CONFLICT DO NOTHING""")
                .bind("m", memberId).execute();
        h.createUpdate("""
                        INSERT INTO voting_records (election_id, member_id, voted, method, imported_at, updated_at)
                        VALUES (:e, :m, true, 'MAIL', :at, :at)""")
                .bind("e", election).bind("m", memberId).bind("at", imported).execute();
    }

    /**
     * An election held on {@code day} with an official notice and a list inspection by
     * {@code person}: the election material the gateway holds (V24, V25).
     */
    private static void electionMaterial(Handle h, String election, java.time.LocalDate day, long person) {
        long vendor = h.createQuery("INSERT INTO vendors (name) VALUES (:n) RETURNING id")
                .bind("n", "Mail house " + election).mapTo(Long.class).one();
        h.createUpdate("""
                        INSERT INTO elections (id, name, office, scope_type, scope_id, nominations_close_on, election_day,
                            mail_vendor_id, mail_rate_cents, email_rate_cents, payment_in_advance, lead_days, terms_sha256,
                            created_at, created_by)
                        VALUES (:e, :e, 'BOARD_SEAT', 'STATEWIDE', 'ALL', :day, :day, :vendor, 62, 3, false, 7, :sha, now(), 'test')""")
                .bind("e", election).bind("day", day).bind("vendor", vendor).bind("sha", "0".repeat(64)).execute();
        h.createUpdate("""
                        INSERT INTO election_mailings (election_id, kind, requested_by, channel, scope_type, scope_id, title,
                            literature_sha256, pieces, rate_cents, cost_cents, status, created_at)
                        VALUES (:e, 'OFFICIAL_NOTICE', 'staff', 'MAIL', 'STATEWIDE', 'ALL', 'Notice of election', :sha,
                            10, 0, 0, 'PENDING_APPROVAL', now())""")
                .bind("e", election).bind("sha", "1".repeat(64)).execute();
        h.createUpdate("""
                        INSERT INTO election_inspections (election_id, person_id, opened_at, expires_at)
                        VALUES (:e, :p, now(), now() + interval '1 hour')""")
                .bind("e", election).bind("p", person).execute();
    }

    private static long blob() {
        try {
            return db.app().inTransaction(h -> {
                BlobWriter writer = blobs.create(h);
                writer.write("an OpenPGP message".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return writer.finish().blobId();
            });
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- what the database holds ----------------------------------------------------------------

    /** Every table's rows (as text, in order) and every large object: what "changes nothing" compares. */
    private static Map<String, String> snapshot() {
        return db.superuser().withHandle(h -> {
            Map<String, String> tables = new LinkedHashMap<>();
            for (String table : h.createQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
                    .mapTo(String.class).list()) {
                tables.put(table, h.createQuery("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')"
                        + " FROM \"" + table + "\" t").mapTo(String.class).one());
            }
            tables.put("pg_largeobject", h.createQuery("SELECT coalesce(md5(string_agg(loid::text || ':' || pageno"
                    + " || ':' || md5(data), '|' ORDER BY loid, pageno)), '') FROM pg_largeobject").mapTo(String.class).one());
            return tables;
        });
    }

    private static long count(String sql) {
        return TestDatabases.one(db.superuser(), sql, Long.class);
    }

    // ---- the tests -------------------------------------------------------------------------------

    @Test
    void theDryRunChangesNothingAndThePurgeRemovesExactlyWhatItReported() {
        MutableClock clock = MutableClock.startingNow();
        OffsetDateTime now = OffsetDateTime.now(clock);
        long expiredBlob = blob();
        long liveBlob = blob();
        record Seeded(UUID expiredExport, UUID usedUpExport, UUID liveExport, UUID oldRecord, UUID newRecord,
                      long oldRequest, long oldNoteOnly, long oldEmpty, long newRequest, UUID oldAck, UUID newAck) {
        }
        Seeded s = db.superuser().inTransaction(h -> {
            long requester = person(h, "requester-" + UUID.randomUUID().toString().substring(0, 8));
            long oldRequest = request(h, requester, "names a colleague", now.minusYears(3));
            long oldNoteOnly = request(h, requester, "", now.minusYears(3));
            h.createUpdate("INSERT INTO list_request_approvals (request_id, approver_id, approve, note) VALUES (:r, :p, true, 'ok')")
                    .bind("r", oldNoteOnly).bind("p", requester).execute();
            long oldEmpty = request(h, requester, "", now.minusYears(3));
            long newRequest = request(h, requester, "still within two years", now.minusYears(1));
            UUID expiredExport = readyExport(h, newRequest, expiredBlob, now.minusDays(1), 0);
            UUID usedUpExport = readyExport(h, newRequest, null, now.plusDays(5), 3);
            UUID liveExport = readyExport(h, newRequest, liveBlob, now.plusDays(5), 1);
            UUID oldRecord = destroyedExport(h, newRequest, now.minusYears(3), 2);
            UUID newRecord = destroyedExport(h, newRequest, now.minusYears(1), 1);
            UUID oldAck = acknowledgement(h, "requester", now.minusYears(4));
            UUID newAck = acknowledgement(h, "requester", now.minusYears(1));
            attestation(h, oldRequest, now.minusYears(6));
            attestation(h, newRequest, now.minusYears(1));
            session(h, requester, now.minusHours(1));
            session(h, requester, now.plusHours(1));
            throttle(h, now.minusDays(2), null);
            throttle(h, now.minusDays(2), now.plusMinutes(10));
            throttle(h, now, null);
            // Voting data: two records imported three years ago go, one imported a year ago stays.
            votingRecord(h, "2023-statewide", "V-OLD-1", now.minusYears(3));
            votingRecord(h, "2023-statewide", "V-OLD-2", now.minusYears(3));
            votingRecord(h, "2025-statewide", "V-OLD-1", now.minusYears(1));
            // Election material: an election held two years ago goes (its notice and inspection), one
            // held half a year ago stays.
            electionMaterial(h, "board-two-years-ago", now.toLocalDate().minusYears(2), requester);
            electionMaterial(h, "board-half-a-year-ago", now.toLocalDate().minusMonths(6), requester);
            return new Seeded(expiredExport, usedUpExport, liveExport, oldRecord, newRecord, oldRequest, oldNoteOnly,
                    oldEmpty, newRequest, oldAck, newAck);
        });
        RetentionPurge purge = purge(clock);

        Map<String, String> before = snapshot();
        PurgeReport dryRun = purge.run(true, "admin");
        assertThat(snapshot()).as("a dry run changes nothing, the audit trail included").isEqualTo(before);

        assertThat(dryRun.dryRun()).isTrue();
        assertThat(dryRun.schedule()).isEqualTo(schedule.version()).startsWith("sha256:");
        assertThat(dryRun.records()).containsExactly(
                Map.entry("export-files", 2L),
                Map.entry("seeds", 2L),
                Map.entry("export-records", 1L),
                Map.entry("list-request-justifications", 2L),
                Map.entry("acknowledgements", 1L),
                Map.entry("vendor-attestations", 1L),
                Map.entry("web-sessions", 1L),
                Map.entry("login-throttle", 1L),
                Map.entry("voting-data", 2L),
                Map.entry("election-material", 2L));
        long auditBefore = audit.size();

        PurgeReport purged = purge.run(false, "admin");

        assertThat(purged.dryRun()).isFalse();
        assertThat(purged.records()).as("the purge removes exactly what the dry run reported").isEqualTo(dryRun.records());
        // What went...
        assertThat(count("SELECT count(*) FROM exports WHERE id = '" + s.oldRecord() + "'")).isZero();
        assertThat(count("SELECT count(*) FROM export_seeds WHERE export_id = '" + s.oldRecord() + "'")).isZero();
        assertThat(count("SELECT count(*) FROM exports WHERE status = 'DESTROYED' AND id IN ('" + s.expiredExport()
                + "', '" + s.usedUpExport() + "')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM export_blobs WHERE id = " + expiredBlob + " AND data_key IS NULL")).isOne();
        assertThat(count("SELECT count(*) FROM pg_largeobject_metadata WHERE oid = (SELECT lo_oid FROM export_blobs"
                + " WHERE id = " + expiredBlob + ")")).as("crypto-shredded: key gone, ciphertext unlinked").isZero();
        assertThat(TestDatabases.one(db.superuser(), "SELECT justification FROM list_requests WHERE id = " + s.oldRequest(),
                String.class)).isEmpty();
        assertThat(TestDatabases.one(db.superuser(), "SELECT note FROM list_request_approvals WHERE request_id = "
                + s.oldNoteOnly(), String.class)).isEmpty();
        assertThat(count("SELECT count(*) FROM acknowledgements WHERE id = '" + s.oldAck() + "'")).isZero();
        assertThat(count("SELECT count(*) FROM voting_records WHERE election_id = '2023-statewide'")).isZero();
        // ...and what stays.
        assertThat(count("SELECT count(*) FROM exports WHERE status = 'READY' AND id = '" + s.liveExport() + "'")).isOne();
        assertThat(count("SELECT count(*) FROM export_blobs WHERE id = " + liveBlob + " AND data_key IS NOT NULL")).isOne();
        assertThat(count("SELECT count(*) FROM export_seeds WHERE export_id = '" + s.newRecord() + "'")).isOne();
        assertThat(TestDatabases.one(db.superuser(), "SELECT justification FROM list_requests WHERE id = " + s.newRequest(),
                String.class)).isEqualTo("still within two years");
        assertThat(count("SELECT count(*) FROM list_requests WHERE id IN (" + s.oldRequest() + ", " + s.oldEmpty() + ")"))
                .as("requests are redacted, not deleted").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM acknowledgements WHERE id = '" + s.newAck() + "'")).isOne();
        assertThat(count("SELECT count(*) FROM extract_destructions WHERE list_request_id = " + s.newRequest())).isOne();
        assertThat(count("SELECT count(*) FROM web_sessions")).isOne();
        assertThat(count("SELECT count(*) FROM login_throttle")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM voting_records WHERE election_id = '2025-statewide' AND member_id = 'V-OLD-1'"))
                .as("a voting record within its two years stays, though its member's older one went").isOne();
        assertThat(count("SELECT count(*) FROM members WHERE member_id IN ('V-OLD-1', 'V-OLD-2')"))
                .as("disposing of voting data leaves the members").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM election_mailings WHERE election_id = 'board-two-years-ago'")
                + count("SELECT count(*) FROM election_inspections WHERE election_id = 'board-two-years-ago'")).isZero();
        assertThat(count("SELECT count(*) FROM election_mailings WHERE election_id = 'board-half-a-year-ago'")
                + count("SELECT count(*) FROM election_inspections WHERE election_id = 'board-half-a-year-ago'"))
                .as("the material of an election within its year stays").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM elections")).as("the elections themselves stay").isEqualTo(2);

        // Nothing left that is due.
        assertThat(purge.run(true, "admin").records().values()).containsOnly(0L);

        // Each disposal is in the trail as counts per type under the schedule's version; the two
        // shredded exports as EXPORT_DESTROYED too; and the trail still verifies.
        List<Map<String, Object>> entries = db.superuser().withHandle(h -> h.createQuery("""
                SELECT action, actor, target, decision, row_count, policy_version FROM audit_entries
                WHERE seq > :before ORDER BY seq""").bind("before", auditBefore).mapToMap().list());
        assertThat(entries.stream().filter(e -> e.get("action").equals("RETENTION_PURGE")).map(e -> e.get("target") + "="
                + e.get("row_count")).toList()).containsExactly("retention:export-files=2", "retention:seeds=2",
                "retention:export-records=1", "retention:list-request-justifications=2", "retention:acknowledgements=1",
                "retention:vendor-attestations=1", "retention:web-sessions=1", "retention:login-throttle=1",
                "retention:voting-data=2", "retention:election-material=2");
        assertThat(entries).filteredOn(e -> e.get("action").equals("RETENTION_PURGE"))
                .allMatch(e -> e.get("actor").equals("admin") && e.get("decision").equals("DISPOSED")
                        && e.get("policy_version").equals(schedule.version()));
        assertThat(entries).filteredOn(e -> e.get("action").equals("EXPORT_DESTROYED")).extracting(e -> e.get("target"))
                .containsExactlyInAnyOrder("export:" + s.expiredExport(), "export:" + s.usedUpExport());
        AuditVerification verified = new AuditVerifier(db.app(), "member-gateway/audit", List.of()).verify();
        assertThat(verified.valid()).as(verified.toString()).isTrue();
        assertThat(count("SELECT count(*) FROM retention_purges WHERE actor = 'admin' AND records ->> 'seeds' = '2'"))
                .isOne();

        // The database's own floor: a receipt within its three years cannot be deleted, whatever the schedule said.
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute("DELETE FROM acknowledgements WHERE id = ?", s.newAck())))
                .hasMessageContaining("kept until 3 years after it lapsed");
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(
                "DELETE FROM election_inspections WHERE election_id = 'board-half-a-year-ago'")))
                .hasMessageContaining("election material is kept for a year after election day");
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute("DELETE FROM audit_entries")))
                .as("the trail itself is never purged").hasMessageContaining("permission denied");
    }

    @Test
    void theDatabaseRefusesToDeleteAVotingRecordWithinItsTwoYearsEvenToTheApplicationsOwnSql() {
        OffsetDateTime now = OffsetDateTime.now();
        db.superuser().useTransaction(h -> {
            votingRecord(h, "floor-young", "V-FLOOR-1", now.minusYears(2).plusDays(1));
            votingRecord(h, "floor-old", "V-FLOOR-1", now.minusYears(2).minusDays(1));
        });

        // Direct SQL as the application role, no purge and no schedule: the trigger alone decides.
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(
                "DELETE FROM voting_records WHERE election_id IN ('floor-young', 'floor-old')")))
                .hasMessageContaining("a voting record is kept for 2 years after it was imported");
        assertThat(count("SELECT count(*) FROM voting_records WHERE member_id = 'V-FLOOR-1'"))
                .as("the refused statement removed neither record").isEqualTo(2);
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(
                "UPDATE voting_records SET imported_at = imported_at - interval '5 years' WHERE election_id = 'floor-young'")))
                .as("nor can the application backdate a record to make it deletable")
                .hasMessageContaining("permission denied");

        // The application may delete one past its two years (the grant the purge uses).
        int deleted = db.app().withHandle(h -> h.execute("DELETE FROM voting_records WHERE election_id = 'floor-old'"));
        assertThat(deleted).isOne();
        assertThat(count("SELECT count(*) FROM voting_records WHERE election_id = 'floor-young'")).isOne();
    }

    @Test
    void anotherPurgeHoldingTheLockMakesThisOneWaitItsTurnNotRunAlongside() throws Exception {
        MutableClock clock = MutableClock.startingNow();
        db.superuser().useTransaction(h -> session(h, person(h, "sessions-" + UUID.randomUUID().toString().substring(0, 8)),
                OffsetDateTime.now(clock).minusMinutes(5)));
        // Purge A stops inside its transaction (at its first audit entry) until the test lets it go.
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AuditTrail real = audit.trail();
        AuditTrail paused = event -> {
            inside.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.record(event);
        };
        RetentionPurge a = new RetentionPurge(db.app(), schedule, shredder, paused, clock);
        RetentionPurge b = purge(clock);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Future<PurgeReport> first = executor.submit(() -> a.run(false, "first"));
            assertThat(inside.await(60, TimeUnit.SECONDS)).as("purge A is inside its transaction").isTrue();

            assertThatThrownBy(() -> b.run(false, "second")).isInstanceOf(PurgeBusyException.class);
            assertThatThrownBy(() -> b.run(true, "second")).isInstanceOf(PurgeBusyException.class);
            assertThat(b.runIfDue()).as("the daily run skips while another purges").isEmpty();

            release.countDown();
            assertThat(first.get(60, TimeUnit.SECONDS).records()).containsEntry("web-sessions", 1L);
        } finally {
            release.countDown();
            executor.shutdownNow();
        }
        // Once A has finished, B runs (and finds nothing A has not already done).
        assertThat(b.run(false, "second").records()).containsEntry("web-sessions", 0L);
    }

    @Test
    void theDailyRunPurgesOnceADayAcrossInstances() {
        // A month ahead, past every purge the other tests ran.
        MutableClock clock = MutableClock.startingNow();
        clock.advance(Duration.ofDays(30));
        RetentionPurge one = purge(clock);
        RetentionPurge other = purge(clock);

        Optional<PurgeReport> first = one.runIfDue();
        assertThat(first).isPresent();
        assertThat(first.get().dryRun()).isFalse();
        assertThat(other.runIfDue()).as("another instance, the same day").isEmpty();
        clock.advance(Duration.ofHours(23));
        assertThat(one.runIfDue()).isEmpty();
        clock.advance(Duration.ofHours(2));
        assertThat(other.runIfDue()).as("a day after the last purge").isPresent();
        assertThat(count("SELECT count(*) FROM retention_purges WHERE actor = 'system'")).isEqualTo(2);
    }
}
