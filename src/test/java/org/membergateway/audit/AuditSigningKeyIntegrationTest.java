package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * The checkpoint signing key at start: encrypted at rest, an unencrypted one from an earlier
 * version encrypted in place, and never silently replaced once the trail has signed checkpoints.
 */
class AuditSigningKeyIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void aMissingKeyStopsTheStartOnceTheTrailHasCheckpoints() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            // An empty trail: the first start makes the key.
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                audit.trail().record(AuditTestSupport.decision("someone", 1));
                assertThat(audit.checkpointNow()).isPresent();
            }
            Path key = dataDir.resolve(AuditService.KEY_FILE);
            assertThat(key).exists();
            Files.delete(key);

            assertThatThrownBy(() -> AuditTestSupport.start(db.app(), dataDir))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("signed checkpoints").hasMessageContaining("is missing")
                    .hasMessageContaining("Restore it");
            assertThat(key).as("no new key was made").doesNotExist();
        }
    }

    @Test
    void theKeyIsEncryptedAndAWrongPassphraseDoesNotUnlockIt() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            AuditTestSupport.start(db.app(), dataDir).close();
            Path key = dataDir.resolve(AuditService.KEY_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            assertThat(new javax.crypto.EncryptedPrivateKeyInfo(Files.readAllBytes(key)).getAlgParameters().toString())
                    .isEqualTo("PBEWithHmacSHA256AndAES_256");
            assertThatThrownBy(() -> AuditService.start(new AuditConfiguration(), dataDir, db.app(),
                    "not-the-passphrase".toCharArray())).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not unlock");
        }
    }

    @Test
    void anUnencryptedKeyFromAnEarlierVersionIsEncryptedAndKeepsSigning() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            Path plain = dataDir.resolve(AuditService.PLAIN_KEY_FILE);
            Files.createDirectories(plain.getParent());
            Files.write(plain, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
            Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
            String verifierKey;
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                verifierKey = audit.verifierKey();
                audit.trail().record(AuditTestSupport.decision("someone", 1));
                Optional<AuditStore.StoredCheckpoint> checkpoint = audit.checkpointNow();
                assertThat(checkpoint).isPresent();
            }
            assertThat(plain).doesNotExist();
            assertThat(dataDir.resolve(AuditService.KEY_FILE)).exists();
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                assertThat(audit.verifierKey()).isEqualTo(verifierKey);
                AuditVerification result = audit.verifyAndRecord("auditor");
                assertThat(result.valid()).as(result.toString()).isTrue();
                assertThat(result.checkpoints()).isGreaterThan(0);
            }
        }
    }
}
