package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.crypto.SignedNote;
import org.membergateway.demo.SyntheticUnion;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MemberSource;
import org.membergateway.testing.TestDatabases.SplitRoles;
import org.membergateway.testing.TestDatabases;
import org.slf4j.LoggerFactory;

/**
 * The trail on a real PostgreSQL with the production role split: group commit, one linear chain
 * across writers, privileges and triggers, fail-closed writes, checkpoints, proofs, the log sink.
 */
class AuditTrailIntegrationTest {

    @TempDir
    static Path dataDir;

    private static SplitRoles db;
    private static AuditService audit;

    @BeforeAll
    static void open() {
        db = TestDatabases.openFreshWithAppRole();
        audit = AuditTestSupport.start(db.app(), dataDir);
    }

    @AfterAll
    static void close() {
        audit.close();
        db.close();
    }

    private static List<AuditEntry> recordConcurrently(AuditTrail trail, int threads, int each, String actor)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<AuditEntry>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                List<AuditEntry> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(trail.record(AuditTestSupport.decision(actor + thread, i)));
                }
                return mine;
            }));
        }
        start.countDown();
        List<AuditEntry> all = new ArrayList<>();
        for (Future<List<AuditEntry>> f : futures) {
            all.addAll(f.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        return all;
    }

    @Test
    void concurrentWritersOnTwoInstancesMakeOneLinearChainWithGroupCommit() throws Exception {
        long before = audit.size();
        // A second "gateway instance": its own writer and store on the same database.
        GroupCommitAuditTrail other = new GroupCommitAuditTrail(new AuditStore(db.app(), Clock.systemUTC()),
                new AuditLogSink(), 1000, 1000, java.time.Duration.ofSeconds(10), seq -> { });
        GroupCommitAuditTrail ours = (GroupCommitAuditTrail) audit.trail();
        long batchesBefore = ours.batchesCommitted();
        List<AuditEntry> entries;
        try {
            ExecutorService two = Executors.newFixedThreadPool(2);
            Future<List<AuditEntry>> a = two.submit(() -> recordConcurrently(audit.trail(), 16, 40, "alice"));
            Future<List<AuditEntry>> b = two.submit(() -> recordConcurrently(other, 8, 40, "bob"));
            entries = new ArrayList<>(a.get());
            entries.addAll(b.get());
            two.shutdown();
        } finally {
            other.close();
        }
        Set<Long> seqs = new TreeSet<>();
        entries.forEach(e -> seqs.add(e.seq()));
        assertThat(seqs).hasSize(960);
        assertThat(seqs.iterator().next()).isEqualTo(before + 1);
        assertThat(((TreeSet<Long>) seqs).last()).isEqualTo(before + 960);
        // Group commit: fewer transactions than entries.
        assertThat(ours.batchesCommitted() - batchesBefore).isLessThan(640);

        // What record() returned is what the database holds.
        for (AuditEntry e : entries.subList(0, 50)) {
            assertThat(audit.search(new AuditQuery(null, null, null, null, null, e.seq() - 1, 1))).containsExactly(e);
        }
        AuditVerification verification = audit.verifier().verify();
        assertThat(verification.valid()).as(verification.toString()).isTrue();
        assertThat(verification.entries()).isEqualTo(before + 960);
    }

    @Test
    void theApplicationRoleCannotUpdateDeleteOrTruncateTheTrail() throws Exception {
        audit.trail().record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, "admin", "person:alice"));
        audit.checkpointNow();
        List<String> statements = List.of(
                "UPDATE audit_entries SET actor = 'x'", "DELETE FROM audit_entries", "TRUNCATE audit_entries",
                "UPDATE audit_checkpoints SET note = note", "DELETE FROM audit_checkpoints", "TRUNCATE audit_checkpoints",
                "UPDATE audit_tree_nodes SET hash = hash", "DELETE FROM audit_tree_nodes", "TRUNCATE audit_tree_nodes");
        for (String statement : statements) {
            assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(statement)))
                    .as(statement)
                    .rootCause()
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
        // Even the owner is stopped by the triggers unless it disables them first.
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute("UPDATE audit_entries SET actor = 'x' WHERE seq = 1")))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute("DELETE FROM audit_entries WHERE seq = 1")))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute("TRUNCATE audit_entries")))
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute("DELETE FROM audit_checkpoints")))
                .rootCause().hasMessageContaining("append-only");
        // The application may insert, but only an entry that extends the chain.
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute("INSERT INTO audit_entries"
                + " (seq, at, actor, action, prev_hash, leaf_hash, hash) VALUES (1, now(), 'x', 'DECISION',"
                + " decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'), decode(repeat('00', 32), 'hex'))")))
                .rootCause().hasMessageContaining("does not extend the chain");
    }

    @Test
    void aBatchThatCannotBeWrittenFailsEveryCallerAndNothingIsLost() throws Exception {
        long before = audit.size();
        db.superuser().useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            for (int i = 0; i < 8; i++) {
                int n = i;
                pool.submit(() -> {
                    try {
                        audit.trail().record(AuditTestSupport.decision("carol", n));
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).hasSize(8).allSatisfy(t -> assertThat(t).isInstanceOf(AuditUnavailableException.class));
            assertThat(audit.size()).isEqualTo(before);
        } finally {
            db.superuser().useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
        AuditEntry after = audit.trail().record(AuditTestSupport.decision("carol", 99));
        assertThat(after.seq()).isEqualTo(before + 1);
        assertThat(audit.verifier().verify().valid()).isTrue();
    }

    @Test
    void checkpointsAreSignedIncrementallyAndProofsVerifyStandalone() throws Exception {
        recordConcurrently(audit.trail(), 8, 75, "dave");
        StoredCheckpoint first = audit.checkpointNow().orElseThrow();
        recordConcurrently(audit.trail(), 8, 40, "erin");
        StoredCheckpoint second = audit.checkpointNow().orElseThrow();
        assertThat(second.treeSize()).isGreaterThan(first.treeSize()).isGreaterThan(600);

        // Bouncy Castle checks the JDK's signature on the note, by the published verifier key.
        SignedNote.Verifier published = SignedNote.Verifier.parse(audit.verifierKey());
        for (StoredCheckpoint checkpoint : List.of(first, second)) {
            String note = checkpoint.note();
            String text = note.substring(0, note.lastIndexOf("\n\n") + 1);
            String[] lines = text.split("\n");
            assertThat(lines).containsExactly("member-gateway/audit", Long.toString(checkpoint.treeSize()),
                    Base64.getEncoder().encodeToString(checkpoint.rootHash().bytes()));
            byte[] blob = Base64.getDecoder().decode(note.substring(note.lastIndexOf(' ') + 1).trim());
            byte[] key = Base64.getDecoder().decode(audit.verifierKey().split("\\+", 3)[2]);
            assertThat(org.membergateway.crypto.BouncyCastleEd25519.verifies(java.util.Arrays.copyOfRange(key, 1, 33),
                    text.getBytes(StandardCharsets.UTF_8), java.util.Arrays.copyOfRange(blob, 4, blob.length))).isTrue();
            assertThat(published.open(note)).hasValue(text);
        }

        // The signed root is the RFC 6962 root of every leaf, recomputed here from the entries themselves.
        List<byte[]> leaves = new ArrayList<>();
        EntryHasher hasher = new EntryHasher();
        for (AuditEntry e : allEntries(second.treeSize())) {
            leaves.add(Rfc6962.leafHash(hasher.canonical(e)));
        }
        assertThat(Rfc6962.mth(leaves)).isEqualTo(second.rootHash().bytes());
        assertThat(Rfc6962.mth(leaves.subList(0, (int) first.treeSize()))).isEqualTo(first.rootHash().bytes());
        // Completed subtrees of 256 leaves and up were stored for proofs.
        assertThat(TestDatabases.one(db.app(), "SELECT count(*) FROM audit_tree_nodes WHERE level = 8", Long.class))
                .isEqualTo(second.treeSize() / 256);

        for (long seq : new long[] {1, 2, 255, 256, 257, 300, first.treeSize(), second.treeSize()}) {
            for (StoredCheckpoint checkpoint : List.of(first, second)) {
                if (seq > checkpoint.treeSize()) {
                    continue;
                }
                AuditProofs.InclusionProof proof = audit.proofs().inclusion(seq, checkpoint.treeSize());
                assertThat(proof.leafHash()).isEqualTo(HexFormat.of().formatHex(leaves.get((int) seq - 1)));
                assertThat(proof.rootHash()).isEqualTo(checkpoint.rootHash().hex());
                assertThat(Rfc6962.verifyInclusion(proof.leafIndex(), proof.treeSize(), leaves.get((int) seq - 1),
                        Rfc6962.hex(proof.auditPath()), checkpoint.rootHash().bytes())).as("seq %d", seq).isTrue();
            }
        }
        AuditProofs.ConsistencyProof consistency = audit.proofs().consistency(first.treeSize(), second.treeSize());
        assertThat(Rfc6962.verifyConsistency(first.treeSize(), second.treeSize(), first.rootHash().bytes(),
                second.rootHash().bytes(), Rfc6962.hex(consistency.consistencyPath()))).isTrue();
        // A tree size past the latest checkpoint is proved from leaves.
        audit.trail().record(AuditTestSupport.decision("frank", 1));
        long size = audit.size();
        AuditProofs.InclusionProof latest = audit.proofs().inclusion(size, size);
        assertThat(Rfc6962.verifyInclusion(size - 1, size, HexFormat.of().parseHex(latest.leafHash()),
                Rfc6962.hex(latest.auditPath()), HexFormat.of().parseHex(latest.rootHash()))).isTrue();
        assertThat(audit.verifier().verify().checkpoints()).isGreaterThanOrEqualTo(2);
    }

    private static List<AuditEntry> allEntries(long upTo) {
        List<AuditEntry> all = new ArrayList<>();
        long after = 0;
        while (after < upTo) {
            List<AuditEntry> page = audit.search(new AuditQuery(null, null, null, null, null, after, AuditQuery.MAX_LIMIT));
            for (AuditEntry e : page) {
                if (e.seq() <= upTo) {
                    all.add(e);
                }
            }
            after = page.get(page.size() - 1).seq();
        }
        return all;
    }

    @Test
    void theLogSinkWritesTheSameEntriesAndTheCrossCheckFindsADifference() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(AuditLogSink.LOGGER);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        List<AuditEntry> recorded = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                recorded.add(audit.trail().record(AuditTestSupport.decision("grace", i)));
            }
        } finally {
            logger.detachAppender(appender);
        }
        List<String> lines = appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        EntryHasher hasher = new EntryHasher();
        assertThat(lines).containsExactlyElementsOf(recorded.stream().map(hasher::jsonLine).toList());

        Path file = dataDir.resolve("audit-trail.jsonl");
        Files.write(file, lines);
        assertThat(AuditLogCrossCheck.check(db.app(), file).matches()).isTrue();

        List<String> edited = new ArrayList<>(lines);
        edited.set(2, edited.get(2).replace("grace", "grace2"));
        Files.write(file, edited);
        AuditLogCrossCheck.Result result = AuditLogCrossCheck.check(db.app(), file);
        assertThat(result.firstMismatchSeq()).isEqualTo(recorded.get(2).seq());

        Files.write(file, List.of(lines.get(0), lines.get(4).replace("\"seq\":" + recorded.get(4).seq(), "\"seq\":999999")));
        assertThat(AuditLogCrossCheck.check(db.app(), file).firstMismatchSeq()).isEqualTo(999999L);
    }

    @Test
    void theApplicationRoleStillBulkImportsMembersThroughTheMembersOwnerRole() {
        // 50,000 rows take the importer's bulk path: it drops and rebuilds members' indexes.
        Jdbi app = db.app();
        var result = new MemberImporter(app, audit.trail()).importRows(
                MemberSource.of(new SyntheticUnion(11, 50_000).members()), "test-admin", MemberImporter.Progress.NONE);
        assertThat(result.inserted()).isEqualTo(50_000);
        assertThat(TestDatabases.one(app, "SELECT count(*) FROM members", Long.class)).isEqualTo(50_000);
        assertThat(TestDatabases.one(app, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class)).isFalse();
        assertThat(TestDatabases.one(app, "SELECT tableowner FROM pg_tables WHERE tablename = 'members'", String.class))
                .isEqualTo("gateway_members_owner");
        assertThat(TestDatabases.one(app, "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_entries'", String.class))
                .isEqualTo("postgres");
    }
}
