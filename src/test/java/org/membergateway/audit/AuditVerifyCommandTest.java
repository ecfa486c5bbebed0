package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayApplication;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/** {@code audit-verify} as an operator runs it: a separate JVM, its exit status and what it prints. */
class AuditVerifyCommandTest {

    @TempDir
    Path dataDir;

    @Test
    void exitsZeroForAnIntactTrailAndOneNamingTheFirstBadSeq() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            String note;
            try (AuditService audit = AuditTestSupport.start(db.app(), dataDir)) {
                for (int i = 0; i < 29; i++) {
                    audit.trail().record(AuditTestSupport.decision("alice", i));
                }
                note = audit.checkpointNow().orElseThrow().note();
            }
            Path config = dataDir.resolve("gateway.yml");
            Files.writeString(config, String.join("\n",
                    "dataDir: " + dataDir,
                    "database:",
                    "  url: " + db.url(),
                    "  user: " + TestDatabases.APP_ROLE,
                    "  migrationUser: postgres",
                    // The checkpoint key is read with the passphrase that encrypts it (AuditTestSupport's).
                    "openpgp:",
                    "  keyPassphrase: " + new String(AuditTestSupport.KEY_PASSPHRASE),
                    "logging:",
                    "  level: WARN",
                    ""));
            Path saved = dataDir.resolve("checkpoint.txt");
            Files.writeString(saved, note);

            AuditTestSupport.Finished intact = AuditTestSupport.run(AuditTestSupport.java(
                    GatewayApplication.class.getName(), "audit-verify", "--checkpoint", saved.toString(), config.toString()), 90);
            assertThat(intact.exitCode()).as(intact.stdout() + intact.stderr()).isZero();
            assertThat(intact.stdout()).contains("audit trail valid: 30 entries").contains("2 checkpoints"); // the stored one and the one passed in

            db.superuser().useTransaction(h -> {
                h.execute("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only");
                h.execute("UPDATE audit_entries SET actor = 'mallory' WHERE seq = 7");
                h.execute("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only");
            });
            AuditTestSupport.Finished tampered = AuditTestSupport.run(AuditTestSupport.java(
                    GatewayApplication.class.getName(), "audit-verify", config.toString()), 90);
            assertThat(tampered.exitCode()).as(tampered.stdout() + tampered.stderr()).isEqualTo(1);
            assertThat(tampered.stdout()).contains("INVALID: first bad seq 7 (ENTRY_MODIFIED)");
            assertThat(tampered.stderr()).contains("first bad seq 7");
        }
    }
}
