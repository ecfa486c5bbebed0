package org.membergateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.TestDatabases.one;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;

/**
 * The demo stopped as an operator stops it (SIGTERM, as Ctrl-C does): the gateway's lifecycle
 * flushes the audit trail and signs a last checkpoint, and only then does the embedded
 * PostgreSQL stop. The library's own JVM shutdown hook stopped it alongside the gateway's, so
 * that checkpoint was lost.
 */
class EmbeddedShutdownIntegrationTest {

    @TempDir
    Path dataDir;

    @Test
    void aCleanStopOfTheDemoSignsTheFinalCheckpointBeforeTheDatabaseStops() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), "demo", "--members", "40", "config/gateway.yml")
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_DATA_DIR", dataDir.toString());
        env.put("GATEWAY_HTTP_PORT", "0");
        env.put("GATEWAY_ADMIN_PORT", "0");
        // Only the shutdown signs: everything the demo recorded is after the last checkpoint until then.
        env.put("GATEWAY_AUDIT_CHECKPOINT_ENTRIES", "10000000");
        env.put("GATEWAY_AUDIT_CHECKPOINT_INTERVAL", "1d");
        env.put("GATEWAY_ARGON2_MEMORY_KIB", "1024");
        env.put("GATEWAY_ARGON2_ITERATIONS", "1");
        Process demo = builder.start();
        StringBuilder output = new StringBuilder();
        CountDownLatch ready = new CountDownLatch(1);
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(demo.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    if (line.contains("member-gateway demo is ready")) {
                        ready.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // The process ended; what it wrote is in output.
            }
        });
        pump.start();
        try {
            assertThat(ready.await(240, TimeUnit.SECONDS)).as("demo ready: %s", output).isTrue();
            demo.destroy();
            assertThat(demo.waitFor(120, TimeUnit.SECONDS)).as("demo stopped: %s", output).isTrue();
        } finally {
            demo.destroyForcibly().waitFor();
        }
        pump.join(10_000);
        String log;
        synchronized (output) {
            log = output.toString();
        }
        assertThat(log).doesNotContain("No final audit checkpoint at shutdown");

        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.setDataDir(dataDir.toString());
        try (GatewayDatabase database = configuration.openDatabase()) {
            long entries = one(database.jdbi(), "SELECT coalesce(max(seq), 0) FROM audit_entries", Long.class);
            long checkpointed = one(database.jdbi(), "SELECT coalesce(max(tree_size), 0) FROM audit_checkpoints", Long.class);
            assertThat(entries).as(log).isPositive();
            assertThat(checkpointed).as("the last checkpoint covers every entry: %s", log).isEqualTo(entries);
        }
    }

    @Test
    void aStartThatFailsAfterTheDatabaseStartedStillStopsIt() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), "server", "config/gateway.yml")
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("server.out").toFile());
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_DATA_DIR", dataDir.toString());
        env.put("GATEWAY_HTTP_PORT", "0");
        env.put("GATEWAY_ADMIN_PORT", "0");
        env.put("GATEWAY_ALLOW_EMBEDDED_DATABASE", "true");
        // Refused once the database runs and is migrated, before the server (and its lifecycle) starts.
        env.put("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", "short");
        Process server = builder.start();
        if (!server.waitFor(180, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
            throw new AssertionError("server did not stop: " + java.nio.file.Files.readString(dataDir.resolve("server.out")));
        }
        String log = java.nio.file.Files.readString(dataDir.resolve("server.out"));
        assertThat(server.exitValue()).as(log).isNotZero();
        assertThat(log).contains("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).as(log).exists();
        // The postmaster removes its pid file as it stops; left behind, the next start would find the directory in use.
        assertThat(dataDir.resolve("postgres").resolve("postmaster.pid")).as(log).doesNotExist();
    }
}
