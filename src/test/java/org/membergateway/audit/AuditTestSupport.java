package org.membergateway.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;

/** Builds audit services for tests and runs child JVMs on the test classpath. */
final class AuditTestSupport {

    /** What encrypts the checkpoint key in tests (the gateway uses its OpenPGP key passphrase). */
    static final char[] KEY_PASSPHRASE = "audit-test-key-passphrase".toCharArray();

    private AuditTestSupport() {
    }

    /** Checkpoints only when a test asks ({@link AuditService#checkpointNow()}). */
    static AuditService start(Jdbi app, Path dataDir) {
        AuditConfiguration configuration = new AuditConfiguration();
        configuration.setAutomaticCheckpoints(false);
        return AuditService.start(configuration, dataDir, app, KEY_PASSPHRASE);
    }

    /** The audit service of a running test gateway, to sign a checkpoint at the moment a test chooses. */
    static AuditService serviceOf(io.dropwizard.core.setup.Environment environment) {
        return environment.lifecycle().getManagedObjects().stream()
                .filter(io.dropwizard.lifecycle.JettyManaged.class::isInstance)
                .map(m -> ((io.dropwizard.lifecycle.JettyManaged) m).getManaged())
                .filter(AuditService.class::isInstance).map(AuditService.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("the gateway manages no AuditService"));
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits until the condition holds, checking it every few milliseconds; fails after the timeout. */
    static void await(String what, java.time.Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    static AuditEvent decision(String actor, int i) {
        AuditEvent event = AuditEvent.of(AuditEventType.DECISION, actor, "list-request:" + i)
                .withDecision(i % 3 == 0 ? "DENIED" : "APPROVED")
                .withPolicyVersion("2017-11-18");
        if (i % 3 == 0) {
            event = event.withReasons(List.of("OUT_OF_SCOPE", "DEFAULT_DENY"));
        }
        if (i % 4 == 0) {
            event = event.withRows(i * 100L).withExportDigest(String.format("%064x", i));
        }
        return event;
    }

    /** A JVM with this test run's classpath. */
    static ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    record Finished(int exitCode, String stdout, String stderr) {
    }

    /** Runs a child JVM to completion (bounded), returning its exit code and output. */
    static Finished run(ProcessBuilder builder, long timeoutSeconds) throws IOException, InterruptedException {
        Process process = builder.start();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        Thread outReader = pump(process.getInputStream(), out);
        Thread errReader = pump(process.getErrorStream(), err);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException("child JVM did not finish in " + timeoutSeconds + " s: " + out + err);
        }
        outReader.join(5_000);
        errReader.join(5_000);
        return new Finished(process.exitValue(), out.toString(), err.toString());
    }

    private static Thread pump(java.io.InputStream in, StringBuilder sink) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (sink) {
                        sink.append(line).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
