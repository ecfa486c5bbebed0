package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayApplication;
import org.membergateway.crypto.SignedNote;
import org.membergateway.crypto.keystore.MasterKey;
import org.membergateway.crypto.keystore.SealedKeys;
import org.membergateway.crypto.keystore.WrongMasterKeyException;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * The checkpoint key kept in the database: moved there from the file an existing install has
 * (its checkpoints keep verifying), never replaced under a wrong master key, and rotated by
 * {@code rotate-keys --key checkpoint} with {@code audit-verify} verifying across the rotation.
 */
class SealedCheckpointKeyIntegrationTest {

    static final String MASTER = "Jq8m1Vd0s3pX5b7Kc9e2Rf4Tg6Yh8Ui0Oa1Sd3Fg5Hk=";

    @TempDir
    Path dataDir;

    static AuditService start(SplitRoles db, Path dataDir, String master) {
        AuditConfiguration configuration = new AuditConfiguration();
        configuration.setAutomaticCheckpoints(false);
        return AuditService.start(configuration, dataDir, db.app(), db.app(), AuditTestSupport.KEY_PASSPHRASE,
                Optional.of(new SealedKeys(db.app(), MasterKey.ofBase64(master), Clock.systemUTC())));
    }

    @Test
    void anInstallsKeyFileIsMovedIntoTheDatabaseOnceAndAWrongMasterKeyStopsTheStart() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            String fileVerifierKey;
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                fileVerifierKey = audit.verifierKey();
                audit.trail().record(AuditTestSupport.decision("alice", 1));
                assertThat(audit.checkpointNow()).isPresent();
            }

            try (AuditService audit = start(db, dataDir, MASTER)) {
                assertThat(audit.verifierKey()).as("the same key, so the file's checkpoints still verify")
                        .isEqualTo(fileVerifierKey);
                audit.trail().record(AuditTestSupport.decision("alice", 2));
                assertThat(audit.checkpointNow()).isPresent();
                assertThat(audit.verifyAndRecord("auditor").valid()).isTrue();
            }
            assertThat(count(db, "SELECT count(*) FROM audit_entries WHERE action = 'CHECKPOINT' AND decision = 'KEY_IMPORTED'"))
                    .isEqualTo(1);
            // A second instance with an empty data directory gets the same key from the database alone.
            Path otherDir = Files.createTempDirectory(dataDir, "other");
            try (AuditService other = start(db, otherDir, MASTER)) {
                assertThat(other.verifierKey()).isEqualTo(fileVerifierKey);
            }
            assertThat(otherDir.resolve(AuditService.KEY_FILE)).doesNotExist();
            assertThat(count(db, "SELECT count(*) FROM audit_entries WHERE action = 'CHECKPOINT' AND decision = 'KEY_IMPORTED'"))
                    .as("imported once, by the first start only").isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM audit_entries WHERE action = 'CHECKPOINT' AND decision = 'KEY_CREATED'"))
                    .as("made once, as a file, before the master key").isEqualTo(1);

            assertThatThrownBy(() -> start(db, otherDir, "Zz8m1Vd0s3pX5b7Kc9e2Rf4Tg6Yh8Ui0Oa1Sd3Fg5Hk="))
                    .isInstanceOf(WrongMasterKeyException.class)
                    .hasMessageStartingWith("GATEWAY_MASTER_KEY does not open the key 'audit-checkpoint' v1");
            assertThat(count(db, "SELECT count(*) FROM sealed_keys")).as("nothing made over the old key").isEqualTo(1);
        }
    }

    @Test
    void aNewInstanceWithNoKeyAnywhereRefusesOnceTheTrailHasCheckpoints() {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                audit.trail().record(AuditTestSupport.decision("alice", 1));
                assertThat(audit.checkpointNow()).isPresent();
            }
            Path emptyDir = dataDir.resolve("empty");
            assertThatThrownBy(() -> start(db, emptyDir, MASTER)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("signed checkpoints").hasMessageContaining("does not make a new one");
            assertThat(count(db, "SELECT count(*) FROM sealed_keys")).isZero();
        }
    }

    @Test
    void rotateKeysKeepsTheOldKeySoAuditVerifyVerifiesCheckpointsOfBoth() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            String oldKey;
            try (AuditService audit = start(db, dataDir, MASTER)) {
                oldKey = audit.verifierKey();
                for (int i = 0; i < 5; i++) {
                    audit.trail().record(AuditTestSupport.decision("alice", i));
                }
                assertThat(audit.checkpointNow()).isPresent();
            }
            Path config = dataDir.resolve("gateway.yml");
            Files.writeString(config, String.join("\n",
                    "dataDir: " + dataDir,
                    "database:",
                    "  url: " + db.url(),
                    "  user: " + TestDatabases.APP_ROLE,
                    "  migrationUser: postgres",
                    "openpgp:",
                    "  keyPassphrase: " + new String(AuditTestSupport.KEY_PASSPHRASE),
                    "keys:",
                    "  masterKey: " + MASTER,
                    "logging:",
                    "  level: WARN",
                    ""));

            AuditTestSupport.Finished rotated = AuditTestSupport.run(AuditTestSupport.java(
                    GatewayApplication.class.getName(), "rotate-keys", "--key", "checkpoint", config.toString()), 90);
            assertThat(rotated.exitCode()).as(rotated.stdout() + rotated.stderr()).isZero();
            assertThat(rotated.stdout()).contains("rotated to version 2").contains(oldKey);

            String newKey;
            try (AuditService audit = start(db, dataDir, MASTER)) {
                newKey = audit.verifierKey();
                assertThat(newKey).isNotEqualTo(oldKey);
                for (int i = 5; i < 9; i++) {
                    audit.trail().record(AuditTestSupport.decision("bob", i));
                }
                assertThat(audit.checkpointNow()).isPresent();
                AuditVerification both = audit.verifyAndRecord("auditor");
                assertThat(both.valid()).as(String.valueOf(both.reason())).isTrue();
            }
            assertThat(rotated.stdout()).contains(newKey);
            assertThat(count(db, "SELECT count(DISTINCT key_hash) FROM audit_checkpoints")).isEqualTo(2);
            assertThat(count(db, "SELECT count(*) FROM audit_entries WHERE action = 'KEY_ROTATION' AND decision = 'ROTATED'"
                    + " AND actor = 'cli' AND target LIKE 'checkpoint-key:v2:%'")).isEqualTo(1);
            assertThat(count(db, "SELECT count(*) FROM sealed_keys WHERE retired_at IS NOT NULL")).isEqualTo(1);

            // An outside verifier holding only the new key cannot check the old checkpoints; with both it can.
            AuditVerification newOnly = new AuditVerifier(db.app(), new AuditConfiguration().getOrigin(),
                    List.of(SignedNote.Verifier.parse(newKey))).verify(List.of());
            AuditVerification withBoth = new AuditVerifier(db.app(), new AuditConfiguration().getOrigin(),
                    List.of(SignedNote.Verifier.parse(oldKey), SignedNote.Verifier.parse(newKey))).verify(List.of());
            assertThat(withBoth.valid()).isTrue();
            assertThat(newOnly.valid()).isFalse();

            AuditTestSupport.Finished verified = AuditTestSupport.run(AuditTestSupport.java(
                    GatewayApplication.class.getName(), "audit-verify", config.toString()), 90);
            assertThat(verified.exitCode()).as(verified.stdout() + verified.stderr()).isZero();
            // Every stored checkpoint counted, those of the old key (the command's own closing one too) and the new.
            assertThat(verified.stdout()).contains("audit trail valid")
                    .contains(count(db, "SELECT count(*) FROM audit_checkpoints") + " checkpoints");
        }
    }

    static long count(SplitRoles db, String sql) {
        return db.superuser().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
