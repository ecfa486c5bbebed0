package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.crypto.Ed25519KeyFile;
import org.membergateway.crypto.SignedNote;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestDatabases.SplitRoles;

/**
 * kill -9 during a burst of appends: the chain left behind verifies, and every entry whose
 * record() returned is in it, unchanged.
 */
class AuditCrashIntegrationTest {

    @TempDir
    Path dir;

    @Test
    void aKilledWriterLeavesAVerifiableChainWithEveryAcknowledgedEntry() throws Exception {
        try (SplitRoles db = TestDatabases.openFreshWithAppRole()) {
            Path keyFile = dir.resolve("key.pk8");
            Process child = AuditTestSupport.java(AuditAppendChild.class.getName(), db.url(), TestDatabases.APP_ROLE,
                    keyFile.toString(), "16").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            CountDownLatch enough = new CountDownLatch(1500);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = out.readLine()) != null) {
                        String[] parts = line.split(" ");
                        if (parts.length == 3 && parts[0].equals("ACK")) {
                            acknowledged.put(Long.parseLong(parts[1]), parts[2]);
                            enough.countDown();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // The child is gone.
                }
            });
            reader.start();
            try {
                assertThat(enough.await(60, TimeUnit.SECONDS)).as("child acknowledged 1,500 entries").isTrue();
                // The child's checkpointer runs on its own thread: kill only once it has signed one.
                AuditTestSupport.await("the child signed a checkpoint", java.time.Duration.ofSeconds(60),
                        () -> TestDatabases.one(db.app(), "SELECT count(*) FROM audit_checkpoints", Long.class) > 0);
            } finally {
                child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush, mid-transaction
                child.waitFor(30, TimeUnit.SECONDS);
            }
            reader.join(10_000);
            assertThat(child.exitValue()).isEqualTo(137);

            Ed25519KeyFile.Ed25519Key key = Ed25519KeyFile.load(keyFile, AuditTestSupport.KEY_PASSPHRASE);
            AuditVerifier verifier = new AuditVerifier(db.app(), "member-gateway/audit",
                    List.of(SignedNote.Verifier.of("member-gateway/audit", key.publicKey())));
            AuditVerification result = verifier.verify();
            assertThat(result.valid()).as(result.toString()).isTrue();
            assertThat(result.checkpoints()).as("checkpoints were signed during the burst").isGreaterThan(0);
            long highestAcknowledged = acknowledged.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(result.entries()).isGreaterThanOrEqualTo(highestAcknowledged);
            Map<Long, String> stored = new ConcurrentHashMap<>();
            db.app().useHandle(h -> h.createQuery("SELECT seq, hash FROM audit_entries").map((rs, ctx) -> {
                stored.put(rs.getLong(1), HexFormat.of().formatHex(rs.getBytes(2)));
                return null;
            }).list());
            assertThat(stored).containsAllEntriesOf(acknowledged);
        }
    }
}
