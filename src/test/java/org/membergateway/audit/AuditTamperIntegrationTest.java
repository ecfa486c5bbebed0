package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.audit.AuditVerification.Problem;
import org.membergateway.crypto.SignedNote;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * Tampering as the database superuser (triggers disabled, as an attacker with the server's keys
 * would) and what the verifier reports. Each tampering runs in a transaction that the verifier
 * reads before it is rolled back, so every case starts from the same intact trail of 41 entries
 * with checkpoints at 20 and 41.
 */
class AuditTamperIntegrationTest {

    private static final int SIZE = 41;

    @TempDir
    static Path dataDir;

    private static SplitRoles db;
    private static AuditService audit;
    private static StoredCheckpoint last;

    @BeforeAll
    static void writeTheTrail() {
        db = TestDatabases.openFreshWithAppRole();
        audit = AuditTestSupport.start(db.app(), dataDir);
        // Entry 1 records the new signing key.
        for (int i = 2; i <= 20; i++) {
            audit.trail().record(AuditTestSupport.decision("alice", i));
        }
        audit.checkpointNow();
        for (int i = 21; i <= SIZE; i++) {
            audit.trail().record(AuditTestSupport.decision("bob", i));
        }
        last = audit.checkpointNow().orElseThrow();
        assertThat(last.treeSize()).isEqualTo(SIZE);
    }

    @AfterAll
    static void close() {
        audit.close();
        db.close();
    }

    @FunctionalInterface
    interface Tampering {
        void apply(Handle superuser) throws Exception;
    }

    /** Tampers, verifies what the database now holds, and rolls back. */
    private static AuditVerification afterTampering(List<String> trustedNotes, Tampering tampering) throws Exception {
        return db.superuser().inTransaction(h -> {
            h.execute("ALTER TABLE audit_entries DISABLE TRIGGER USER");
            h.execute("ALTER TABLE audit_checkpoints DISABLE TRIGGER USER");
            // An attacker with the server's keys drops whatever check is in the way.
            for (String check : h.createQuery("SELECT conname FROM pg_constraint"
                    + " WHERE conrelid = 'audit_entries'::regclass AND contype = 'c'").mapTo(String.class).list()) {
                h.execute("ALTER TABLE audit_entries DROP CONSTRAINT " + check);
            }
            tampering.apply(h);
            AuditVerification result = audit.verifier().verify(h, trustedNotes);
            h.rollback();
            return result;
        });
    }

    private static AuditVerification afterTampering(String... statements) throws Exception {
        return afterTampering(List.of(), h -> {
            for (String statement : statements) {
                h.execute(statement);
            }
        });
    }

    @Test
    void theIntactTrailVerifies() throws Exception {
        AuditVerification result = audit.verifier().verify();
        assertThat(result.valid()).isTrue();
        assertThat(result.entries()).isEqualTo(SIZE);
        assertThat(result.checkpoints()).isEqualTo(2);
        assertThat(result.latestCheckpoint()).isEqualTo(SIZE);
        assertThat(result.head()).isEqualTo(audit.search(new AuditQuery(null, null, null, null, null, SIZE - 1, 1)).get(0).hash());
    }

    @Test
    void rowsStoredOutOfSeqOrderButUnchangedStillVerify() throws Exception {
        // A same-value update writes new row versions elsewhere in the table: the fast physical-order
        // pass sees them out of turn and the check continues in seq order, finding nothing wrong.
        AuditVerification result = afterTampering("UPDATE audit_entries SET seq = seq WHERE seq IN (5, 30)");
        assertThat(result.valid()).as(String.valueOf(result)).isTrue();
        assertThat(result.entries()).isEqualTo(SIZE);
        assertThat(result.checkpoints()).isEqualTo(2);
    }

    @Test
    void modifyingAnySingleRowIsReportedWithItsSeq() throws Exception {
        for (int seq = 1; seq <= SIZE; seq++) {
            AuditVerification result = afterTampering("UPDATE audit_entries SET actor = actor || '.' WHERE seq = " + seq);
            assertThat(result.valid()).isFalse();
            assertThat(result.firstInvalidSeq()).as("tampered seq").isEqualTo(seq);
            assertThat(result.problem()).isEqualTo(Problem.ENTRY_MODIFIED);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "at = at + interval '1 microsecond'",
        "target = NULL",
        "target = 'list-request:1'",
        "decision = 'APPROVED'",
        "reasons = CASE WHEN reasons = '' THEN 'APPROVAL_REQUIRED' ELSE reasons || ',APPROVAL_REQUIRED' END",
        "reasons = lower(reasons)",
        "policy_version = '2099-01-01'",
        "row_count = coalesce(row_count, 0) + 1",
        "export_digest = repeat('0', 64)",
        "action = 'APPROVAL'",
        "leaf_hash = decode(repeat('11', 32), 'hex')",
        "hash = decode(repeat('22', 32), 'hex')"})
    void modifyingAnyColumnIsReported(String change) throws Exception {
        AuditVerification result = afterTampering("UPDATE audit_entries SET " + change + " WHERE seq = 12");
        assertThat(result.valid()).isFalse();
        assertThat(result.firstInvalidSeq()).isEqualTo(12);
        assertThat(result.problem()).isIn(Problem.ENTRY_MODIFIED, Problem.ENTRY_MALFORMED);
    }

    @Test
    void aChangedPrevHashBreaksTheChainAtThatSeq() throws Exception {
        AuditVerification result = afterTampering("UPDATE audit_entries SET prev_hash = decode(repeat('33', 32), 'hex') WHERE seq = 30");
        assertThat(result.firstInvalidSeq()).isEqualTo(30);
        assertThat(result.problem()).isEqualTo(Problem.CHAIN_BROKEN);
    }

    @Test
    void aDeletedEntryIsReportedAsMissing() throws Exception {
        AuditVerification result = afterTampering("DELETE FROM audit_entries WHERE seq = 17");
        assertThat(result.firstInvalidSeq()).isEqualTo(17);
        assertThat(result.problem()).isEqualTo(Problem.ENTRY_MISSING);
    }

    @Test
    void anEntryInsertedInTheMiddleIsReported() throws Exception {
        AuditVerification result = afterTampering(
                "UPDATE audit_entries SET seq = seq + 1000 WHERE seq >= 10",
                "UPDATE audit_entries SET seq = seq - 999 WHERE seq > 1000",
                "INSERT INTO audit_entries SELECT 10, at, 'mallory', action, target, decision, reasons, policy_version,"
                        + " row_count, export_digest, hash, leaf_hash, hash FROM audit_entries WHERE seq = 9");
        assertThat(result.firstInvalidSeq()).isEqualTo(10);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void anEntryAppendedWithoutTheGatewaysHashIsReported() throws Exception {
        AuditVerification result = afterTampering(
                "INSERT INTO audit_entries SELECT seq + 1, at, 'mallory', action, target, decision, reasons, policy_version,"
                        + " row_count, export_digest, hash, leaf_hash, decode(repeat('44', 32), 'hex')"
                        + " FROM audit_entries WHERE seq = " + SIZE);
        assertThat(result.firstInvalidSeq()).isEqualTo(SIZE + 1);
        assertThat(result.problem()).isEqualTo(Problem.ENTRY_MODIFIED);
    }

    @Test
    void reorderedEntriesAreReportedAtTheFirstOfThem() throws Exception {
        AuditVerification result = afterTampering(
                "UPDATE audit_entries SET seq = 1000 WHERE seq = 15",
                "UPDATE audit_entries SET seq = 15 WHERE seq = 16",
                "UPDATE audit_entries SET seq = 16 WHERE seq = 1000");
        assertThat(result.firstInvalidSeq()).isEqualTo(15);
        assertThat(result.valid()).isFalse();
    }

    @Test
    void deletingTheLastEntriesIsCaughtByTheSignedCheckpoint() throws Exception {
        AuditVerification result = afterTampering("DELETE FROM audit_entries WHERE seq > 36");
        assertThat(result.valid()).isFalse();
        assertThat(result.firstInvalidSeq()).isEqualTo(37);
        assertThat(result.problem()).isEqualTo(Problem.ENTRIES_MISSING);
    }

    @Test
    void deletingTheLastEntriesWithTheirCheckpointIsCaughtByACheckpointKeptOutside() throws Exception {
        String[] both = {"DELETE FROM audit_entries WHERE seq > 36", "DELETE FROM audit_checkpoints WHERE tree_size = " + SIZE};
        // The database alone then looks like a shorter, intact trail: why auditors keep checkpoints.
        assertThat(afterTampering(both).valid()).isTrue();
        AuditVerification result = afterTampering(List.of(last.note()), h -> {
            for (String statement : both) {
                h.execute(statement);
            }
        });
        assertThat(result.firstInvalidSeq()).isEqualTo(37);
        assertThat(result.problem()).isEqualTo(Problem.ENTRIES_MISSING);
    }

    @Test
    void aConsistentlyRehashedChainIsCaughtByTheCheckpointItNoLongerMatches() throws Exception {
        AuditVerification result = afterTampering(List.of(), h -> {
            // Rewrite entry 30 and recompute every hash after it, as an attacker who knows the format would.
            EntryHasher hasher = new EntryHasher();
            List<AuditEntry> entries = new ArrayList<>(h.createQuery("SELECT " + AuditDao.ENTRY_COLUMNS
                    + " FROM audit_entries WHERE seq >= 29 ORDER BY seq").map(new AuditDao.EntryMapper()).list());
            byte[] prev = entries.get(0).hash().bytes();
            for (AuditEntry e : entries.subList(1, entries.size())) {
                String actor = e.seq() == 30 ? "mallory" : e.actor();
                byte[] leaf = hasher.leafHash(e.seq(), AuditTime.format(e.at()), actor, e.action(), e.target(),
                        e.decision(), e.reasons(), e.policyVersion(), e.rows(), e.exportDigest());
                byte[] hash = hasher.entryHash(prev, leaf);
                h.execute("UPDATE audit_entries SET actor = ?, prev_hash = ?, leaf_hash = ?, hash = ? WHERE seq = ?",
                        actor, prev, leaf, hash, e.seq());
                prev = hash;
            }
        });
        assertThat(result.valid()).isFalse();
        assertThat(result.problem()).isEqualTo(Problem.CHECKPOINT_MISMATCH);
        // Entries up to the previous checkpoint (20) still match what was signed.
        assertThat(result.firstInvalidSeq()).isEqualTo(21);
    }

    @Test
    void aForgedCheckpointIsReported() throws Exception {
        AuditVerification changedRoot = afterTampering(
                "UPDATE audit_checkpoints SET root_hash = decode(repeat('55', 32), 'hex') WHERE tree_size = 20");
        assertThat(changedRoot.problem()).isEqualTo(Problem.CHECKPOINT_INVALID);
        assertThat(changedRoot.firstInvalidSeq()).isEqualTo(20);

        // A note for the same tree signed by another key under the same name.
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        SignedNote.Signer forger = new SignedNote.Signer("member-gateway/audit", pair.getPrivate(),
                Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String forged = forger.sign(last.note().substring(0, last.note().lastIndexOf("\n\n") + 1));
        AuditVerification otherKey = afterTampering(List.of(), h ->
                h.execute("UPDATE audit_checkpoints SET note = ? WHERE tree_size = ?", forged, SIZE));
        assertThat(otherKey.problem()).isEqualTo(Problem.CHECKPOINT_INVALID);
        assertThat(otherKey.firstInvalidSeq()).isEqualTo(SIZE);
    }

    @Test
    void aTimeOutsideTheCanonicalRangeIsMalformedNotIgnored() throws Exception {
        AuditVerification result = afterTampering(List.of(), h -> h.execute(
                "UPDATE audit_entries SET at = ? WHERE seq = 5", OffsetDateTime.parse("+12026-01-01T00:00:00Z")));
        assertThat(result.firstInvalidSeq()).isEqualTo(5);
        assertThat(result.problem()).isEqualTo(Problem.ENTRY_MALFORMED);
    }
}
