package org.membergateway.audit;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.util.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.slf4j.LoggerFactory;

/**
 * Audit trail benchmark (bench/audit/README.md): durable appends per second through the
 * group-commit writer with 1 and 16 concurrent writers, then verification speed over 1,000,000
 * entries. Runs on the embedded PostgreSQL exactly as the gateway configures it (fsync on,
 * synchronous_commit on), through the same pooled connections. Not a test: run it by hand.
 *
 * <p>Arguments (all optional): seconds per append run (10), total entries to verify (1000000),
 * data directory (a new temporary one); the trail is left there for {@code audit-verify}.
 */
public final class AuditBenchmark {

    private AuditBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long verifyEntries = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Path dataDir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("audit-bench");
        logLikeTheGateway(dataDir.resolve("audit/audit-trail.jsonl"));
        GatewayConfiguration configuration = new GatewayConfiguration();
        configuration.setDataDir(dataDir.toString());
        configuration.getAudit().setCheckpointEveryEntries(10_000_000);
        configuration.getAudit().setCheckpointInterval(Duration.hours(24));
        try (GatewayDatabase database = configuration.openDatabase()) {
            ManagedDataSource pool = database.dataSourceFactory().build(new MetricRegistry(), "bench");
            pool.start();
            try {
                Jdbi jdbi = GatewayDatabase.jdbi(pool);
                System.out.printf(Locale.ROOT, "machine: %d cores, %s; PostgreSQL %s, fsync=%s, synchronous_commit=%s%n",
                        Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                        one(jdbi, "SHOW server_version"), one(jdbi, "SHOW fsync"), one(jdbi, "SHOW synchronous_commit"));
                try (AuditService audit = AuditService.start(configuration.getAudit(), dataDir, jdbi, AuditTestSupport.KEY_PASSPHRASE)) {
                    appends(audit, 1, 2);
                    appends(audit, 16, 2);
                    System.out.println();
                    System.out.println("| writers | durable appends/s | mean entries per commit | p50 latency | p99 latency |");
                    System.out.println("|---:|---:|---:|---:|---:|");
                    for (int writers : new int[] {1, 16, 64}) {
                        System.out.println(appends(audit, writers, seconds));
                    }
                    System.out.println();
                    verify(audit, jdbi, verifyEntries);
                }
            } finally {
                pool.stop();
            }
        }
    }

    /**
     * As config/gateway.yml has it: quiet root logger, and the audit trail's JSON lines through an
     * asynchronous, never-discarding file appender, so the sink's cost is part of every append.
     */
    private static void logLikeTheGateway(Path file) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.setImmediateFlush(false);
        appender.start();
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setQueueSize(8192);
        async.setDiscardingThreshold(0);
        async.addAppender(appender);
        async.start();
        Logger trail = context.getLogger(AuditLogSink.LOGGER);
        trail.setLevel(Level.INFO);
        trail.setAdditive(false);
        trail.addAppender(async);
    }

    private static String one(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    /** Every writer calls record() in a loop for {@code seconds}; each call returns only once durable. */
    private static String appends(AuditService audit, int writers, int seconds) throws Exception {
        GroupCommitAuditTrail trail = (GroupCommitAuditTrail) audit.trail();
        long batchesBefore = trail.batchesCommitted();
        long entriesBefore = trail.entriesCommitted();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[writers];
        CountDownLatch finished = new CountDownLatch(writers);
        long started = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            long[] mine = new long[300_000];
            latencies.add(mine);
            int writer = w;
            Thread t = new Thread(() -> {
                int n = 0;
                try {
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        trail.record(AuditTestSupport.decision("bench" + writer, n));
                        if (n < mine.length) {
                            mine[n] = System.nanoTime() - t0;
                        }
                        n++;
                    }
                } finally {
                    done.addAndGet(n);
                    counts[writer] = Math.min(n, mine.length);
                    finished.countDown();
                }
            });
            t.start();
        }
        finished.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long total = done.get();
        long[] all = java.util.stream.IntStream.range(0, writers)
                .mapToObj(w -> Arrays.stream(latencies.get(w), 0, counts[w])).flatMapToLong(x -> x).sorted().toArray();
        long batches = trail.batchesCommitted() - batchesBefore;
        long entries = trail.entriesCommitted() - entriesBefore;
        return String.format(Locale.ROOT, "| %d | %,.0f | %.1f | %.2f ms | %.2f ms |", writers, total / elapsed,
                batches == 0 ? 0 : (double) entries / batches, all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6);
    }

    private static void verify(AuditService audit, Jdbi jdbi, long target) {
        AuditStore store = new AuditStore(jdbi, java.time.Clock.systemUTC());
        long have = store.size();
        long fillStarted = System.nanoTime();
        List<AuditEvent> batch = new ArrayList<>();
        int n = 0;
        while (have < target) {
            batch.clear();
            for (int i = 0; i < 5_000 && have + batch.size() < target; i++) {
                batch.add(AuditTestSupport.decision("fill" + (n % 50), n++));
            }
            have = store.append(batch).get(batch.size() - 1).seq();
            if (have % 100_000 < 5_000) {
                audit.checkpointNow();
            }
        }
        System.out.printf(Locale.ROOT, "filled to %,d entries in %.1f s (5,000 per commit, with a checkpoint every ~100,000)%n",
                have, (System.nanoTime() - fillStarted) / 1e9);
        long t0 = System.nanoTime();
        audit.checkpointNow();
        System.out.printf(Locale.ROOT, "incremental checkpoint of the last entries: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        long p0 = System.nanoTime();
        for (long seq = 1; seq <= have; seq += have / 10) {
            audit.proofs().inclusion(seq, have);
        }
        System.out.printf(Locale.ROOT, "inclusion proof in a tree of %,d: %.1f ms each (mean of 10)%n", have,
                (System.nanoTime() - p0) / 1e6 / 10);

        System.out.println();
        System.out.println("| verification run | entries | checkpoints checked | seconds | entries/s |");
        System.out.println("|---:|---:|---:|---:|---:|");
        for (int run = 1; run <= 3; run++) {
            long v0 = System.nanoTime();
            AuditVerification result = audit.verifier().verify();
            double s = (System.nanoTime() - v0) / 1e9;
            if (!result.valid()) {
                throw new IllegalStateException("benchmark trail does not verify: " + result);
            }
            System.out.printf(Locale.ROOT, "| %d | %,d | %,d | %.2f | %,.0f |%n", run, result.entries(), result.checkpoints(), s,
                    result.entries() / s);
        }
    }
}
