package org.membergateway.audit;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.result.ResultIterator;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.crypto.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs a checkpoint (C2SP tlog-checkpoint: origin, tree size, RFC 6962 root) every
 * {@code everyEntries} entries or every {@code interval} with at least one new entry, and keeps it
 * in the database.
 *
 * <p>Incremental: the previous checkpoint's frontier is extended by the leaves added since, so a
 * checkpoint costs O(new entries), and the perfect subtrees completed on the way (2^8 leaves and
 * up) are stored for proofs. Before signing, the new entries' hash links are checked: the gateway
 * never signs a chain it can see is broken.
 */
public final class Checkpointer implements AutoCloseable {

    /** Subtrees of at least 2^8 leaves are stored: proofs then read at most a few hundred leaves. */
    static final int MIN_STORED_LEVEL = 8;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final AuditStore store;
    private final SignedNote.Signer signer;
    private final String origin;
    private final long everyEntries;
    private final long intervalNanos;
    private final Scheduler scheduler;
    private final LongSupplier nanoTime;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private final AtomicLong lastCheckpointSize = new AtomicLong(-1);
    private volatile boolean started;
    private volatile long lastCheckpointNanos;

    /**
     * Where the automatic checkpoints run: a thread of the checkpointer's own, so neither the
     * writer nor a request ever waits for a signature. Tests pass one they run by hand, so they
     * decide when a period has passed instead of racing a timer.
     */
    public interface Scheduler extends AutoCloseable {
        /** Runs the task soon on the scheduler's thread, not the caller's. */
        void execute(Runnable task);

        /** Runs the task every {@code period}, the first time one period from now, until closed. */
        void repeat(Runnable task, Duration period);

        @Override
        void close();
    }

    public Checkpointer(AuditStore store, SignedNote.Signer signer, String origin, long everyEntries, Duration interval) {
        this(store, signer, origin, everyEntries, interval, ownThread(), System::nanoTime);
    }

    /** @param nanoTime a monotonic clock in nanoseconds (System::nanoTime), which decides when the interval has passed */
    Checkpointer(AuditStore store, SignedNote.Signer signer, String origin, long everyEntries, Duration interval,
                 Scheduler scheduler, LongSupplier nanoTime) {
        this.store = store;
        this.signer = signer;
        this.origin = origin;
        this.everyEntries = everyEntries;
        this.intervalNanos = interval.toNanos();
        this.scheduler = scheduler;
        this.nanoTime = nanoTime;
        this.lastCheckpointNanos = nanoTime.getAsLong();
    }

    /** The production scheduler: one daemon thread named audit-checkpointer. */
    static Scheduler ownThread() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "audit-checkpointer");
            t.setDaemon(true);
            return t;
        });
        return new Scheduler() {
            @Override
            public void execute(Runnable task) {
                executor.execute(task);
            }

            @Override
            public void repeat(Runnable task, Duration period) {
                executor.scheduleWithFixedDelay(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void close() {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** The checkpoint body (the signed text) for a tree. */
    public static String body(String origin, long treeSize, byte[] rootHash) {
        return origin + "\n" + treeSize + "\n" + Base64.getEncoder().encodeToString(rootHash) + "\n";
    }

    /**
     * Starts the automatic checkpoints: after {@code everyEntries} new entries, and on a timer that
     * looks often enough (at most every second) to sign soon after the interval. Without it only
     * {@link #checkpointNow()} signs.
     */
    public void start() {
        started = true;
        // Learns the latest checkpoint now, so the count applies from the first commit on.
        scheduler.execute(this::tick);
        scheduler.repeat(this::tick, timerPeriod(Duration.ofNanos(intervalNanos)));
    }

    static Duration timerPeriod(Duration interval) {
        long millis = Math.max(10, Math.min(interval.toMillis(), 1_000));
        return Duration.ofMillis(millis);
    }

    /** The writer says how far the trail has got; past N new entries a checkpoint is due now. */
    public void committedUpTo(long seq) {
        long last = lastCheckpointSize.get();
        if (started && last >= 0 && seq - last >= everyEntries && nudged.compareAndSet(false, true)) {
            scheduler.execute(() -> {
                nudged.set(false);
                tick();
            });
        }
    }

    private void tick() {
        try {
            long size = store.size();
            long last = lastCheckpointSize.get();
            if (last < 0) {
                last = store.latestCheckpoint().map(StoredCheckpoint::treeSize).orElse(0L);
                lastCheckpointSize.set(last);
            }
            boolean due = size - last >= everyEntries
                    || size > last && nanoTime.getAsLong() - lastCheckpointNanos >= intervalNanos;
            if (due) {
                checkpointNow();
            }
        } catch (RuntimeException e) {
            // The next tick tries again; entries are safe in the database meanwhile.
            LOG.error("Audit checkpoint failed: {}", GroupCommitAuditTrail.describe(e));
        }
    }

    /** Signs a checkpoint for every entry committed so far, unless the latest already covers them. */
    public Optional<StoredCheckpoint> checkpointNow() {
        Optional<StoredCheckpoint> result = store.jdbi().inTransaction(handle -> checkpoint(handle.attach(AuditDao.class)));
        result.ifPresent(c -> {
            lastCheckpointSize.set(c.treeSize());
            lastCheckpointNanos = nanoTime.getAsLong();
        });
        return result;
    }

    private Optional<StoredCheckpoint> checkpoint(AuditDao dao) {
        dao.lockUntilCommit(AuditStore.CHECKPOINT_LOCK);
        Optional<StoredCheckpoint> latest = dao.latestCheckpoint();
        long from = latest.map(StoredCheckpoint::treeSize).orElse(0L);
        long size = dao.size();
        if (size <= from) {
            return latest;
        }
        MerkleFrontier frontier = latest.map(c -> MerkleFrontier.decode(c.treeSize(), c.frontier()))
                .orElseGet(MerkleFrontier::new);
        byte[] prev = from == 0 ? Sha256Hash.ZERO.bytes() : dao.entryHash(from)
                .orElseThrow(() -> new IllegalStateException("audit entry " + from + " of the last checkpoint is missing;"
                        + " not signing a checkpoint (run audit-verify)"));
        EntryHasher hasher = new EntryHasher();
        List<AuditDao.TreeNode> nodes = new ArrayList<>();
        try (ResultIterator<AuditDao.ChainLink> links = dao.chainLinks(from, size)) {
            long expected = from + 1;
            while (links.hasNext()) {
                AuditDao.ChainLink link = links.next();
                if (link.seq() != expected || !MessageDigest.isEqual(link.prevHash(), prev)
                        || !MessageDigest.isEqual(hasher.entryHash(prev, link.leafHash()), link.hash())) {
                    throw new IllegalStateException("audit chain broken at seq " + expected
                            + "; not signing a checkpoint (run audit-verify)");
                }
                frontier.append(link.leafHash(), (level, index, node) -> {
                    if (level >= MIN_STORED_LEVEL) {
                        nodes.add(new AuditDao.TreeNode((short) level, index, node));
                    }
                });
                if (nodes.size() >= 1_000) {
                    insertNodes(dao, nodes);
                }
                prev = link.hash();
                expected++;
            }
        }
        insertNodes(dao, nodes);
        byte[] root = frontier.root();
        String note = signer.sign(body(origin, size, root));
        dao.insertCheckpoint(size, root, frontier.encoded(), signer.keyHash(), note);
        LOG.info("Signed audit checkpoint at tree size {}", size);
        return Optional.of(new StoredCheckpoint(size, new Sha256Hash(root), frontier.encoded(), note));
    }

    private static void insertNodes(AuditDao dao, List<AuditDao.TreeNode> nodes) {
        if (!nodes.isEmpty()) {
            dao.insertTreeNodes(nodes);
            nodes.clear();
        }
    }

    @Override
    public void close() {
        started = false;
        scheduler.close();
    }
}
