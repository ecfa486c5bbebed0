package org.membergateway.audit;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.crypto.Ed25519KeyFile;
import org.membergateway.crypto.SignedNote;
import org.membergateway.testing.TestDatabases;

/**
 * Runs in a child JVM for {@link AuditCrashIntegrationTest}: writers append to the trail as fast
 * as they can, a checkpointer signs every 200 entries, and each acknowledged entry is printed as
 * {@code ACK <seq> <hash>} the moment record() returns. The parent kills this JVM with SIGKILL.
 *
 * <p>Arguments: JDBC URL (no user), application role, key file, writer threads.
 */
public final class AuditAppendChild {

    private AuditAppendChild() {
    }

    public static void main(String[] args) throws Exception {
        Jdbi jdbi = GatewayDatabase.jdbi(TestDatabases.dataSource(args[0], args[1]));
        Ed25519KeyFile.Ed25519Key key = Ed25519KeyFile.loadOrCreate(Path.of(args[2]), AuditTestSupport.KEY_PASSPHRASE);
        SignedNote.Signer signer = new SignedNote.Signer("member-gateway/audit", key.privateKey(), key.publicKey());
        AuditStore store = new AuditStore(jdbi, Clock.systemUTC());
        Checkpointer checkpointer = new Checkpointer(store, signer, "member-gateway/audit", 200, Duration.ofMillis(50));
        checkpointer.start();
        GroupCommitAuditTrail trail = new GroupCommitAuditTrail(store, new AuditLogSink(), 1000, 100,
                Duration.ofSeconds(10), checkpointer::committedUpTo);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false, "UTF-8");
        int threads = Integer.parseInt(args[3]);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; ; i++) {
                    AuditEntry entry = trail.record(AuditTestSupport.decision("writer" + thread, i));
                    synchronized (out) {
                        out.println("ACK " + entry.seq() + " " + entry.hash().hex());
                        out.flush();
                    }
                }
            });
            writer.start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
