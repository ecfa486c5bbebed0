package org.membergateway.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trail's writer: one thread takes whatever {@link #record} calls are waiting and commits
 * them as one transaction, so one WAL flush acknowledges many entries (group commit). While a
 * batch commits, the next one gathers; there is no artificial delay.
 *
 * <p>Fail closed: a caller returns only when its entry is committed. If the batch's transaction
 * fails, every caller in it gets {@link AuditUnavailableException}; so does a caller that finds the
 * queue full or waits longer than the commit timeout, and then its entry is never written: the
 * writer checks, under one lock with the callers, that none of a batch's callers has given up
 * just before it commits, and rolls the batch back and writes it again without them if one has.
 * A caller whose entry is already being committed waits for the commit's outcome instead. Nothing is kept in memory between batches:
 * each batch reads the head from the database, so a failed batch leaves nothing to repair.
 */
public final class GroupCommitAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitAuditTrail.class);

    /**
     * Where an entry stands between its caller and the writer. A caller that stops waiting moves
     * it to ABANDONED, which the writer honours up to the moment it commits: an abandoned entry is
     * never written (a batch holding one is rolled back and written again without it). From
     * COMMITTING on, the caller no longer gives up but waits for the commit's outcome, so the trail
     * never holds an entry whose operation was refused, nor the other way round.
     */
    private enum State { QUEUED, COMMITTING, ABANDONED }

    private static final class Pending {
        final AuditEvent event;
        final CompletableFuture<AuditEntry> result = new CompletableFuture<>();
        // Guarded by the trail's decision lock.
        State state = State.QUEUED;

        Pending(AuditEvent event) {
            this.event = event;
        }

        AuditEvent event() {
            return event;
        }

        CompletableFuture<AuditEntry> result() {
            return result;
        }
    }

    /** The writer saw an abandoned entry in its batch just before committing; the batch rolls back. */
    private static final class BatchAbandoned extends RuntimeException {
        BatchAbandoned() {
            super("an entry of the batch was abandoned by its caller", null, false, false);
        }
    }

    // Decides, for each entry, between its caller giving up and the writer committing it.
    private final Object decision = new Object();

    private final AuditStore store;
    private final AuditLogSink sink;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final long commitTimeoutNanos;
    private final LongConsumer committedUpTo;
    private final AppendTimer appendTimer;
    private final Thread writer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private volatile boolean closed;

    /**
     * Told how long each committed {@link #record} call took, from the call to its commit (queueing and
     * the batch's transaction both): the time a request waits for the trail before it may answer.
     */
    @FunctionalInterface
    public interface AppendTimer {
        AppendTimer NONE = nanos -> { };

        void appended(long nanos);
    }

    /**
     * @param committedUpTo told the highest seq after each commit (the checkpointer listens)
     */
    public GroupCommitAuditTrail(AuditStore store, AuditLogSink sink, int queueCapacity, int maxBatch,
                                 Duration commitTimeout, LongConsumer committedUpTo) {
        this(store, sink, queueCapacity, maxBatch, commitTimeout, committedUpTo, AppendTimer.NONE);
    }

    /** @param appendTimer told the time of every committed append (the gateway's metrics) */
    public GroupCommitAuditTrail(AuditStore store, AuditLogSink sink, int queueCapacity, int maxBatch,
                                 Duration commitTimeout, LongConsumer committedUpTo, AppendTimer appendTimer) {
        this.appendTimer = appendTimer;
        this.store = store;
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.commitTimeoutNanos = commitTimeout.toNanos();
        this.committedUpTo = committedUpTo;
        // Started here, not by the lifecycle: commands record entries before the server starts.
        this.writer = new Thread(this::run, "audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public AuditEntry record(AuditEvent event) {
        if (event == null) {
            throw new NullPointerException("event");
        }
        if (closed) {
            throw new AuditUnavailableException("The audit trail is shut down.");
        }
        Pending pending = new Pending(event);
        long started = System.nanoTime();
        long deadline = started + commitTimeoutNanos;
        AuditEntry committed = commit(pending, deadline);
        try {
            appendTimer.appended(System.nanoTime() - started);
        } catch (RuntimeException e) {
            // The entry is committed: a metric that could not be kept must not refuse the operation.
            LOG.warn("Audit append not timed: {}", e.toString());
        }
        return committed;
    }

    /** Queues the entry and waits for its commit (or gives it up, see {@link #abandonOrAwait}). */
    private AuditEntry commit(Pending pending, long deadline) {
        try {
            // A full queue means the database is not keeping up; waiting longer only grows the backlog.
            if (!queue.offer(pending, Math.min(commitTimeoutNanos, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS)) {
                throw new AuditUnavailableException("The audit trail is overloaded (queue full).");
            }
            if (closed && queue.remove(pending)) {
                throw new AuditUnavailableException("The audit trail is shut down.");
            }
            return pending.result().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            // Giving up as on a timeout, so the entry is not written after the caller has been refused.
            Thread.interrupted();
            try {
                return abandonOrAwait(pending);
            } finally {
                Thread.currentThread().interrupt();
            }
        } catch (ExecutionException e) {
            throw new AuditUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            return abandonOrAwait(pending);
        }
    }

    /**
     * The commit timeout has passed. Before the writer commits the entry, the caller gives it up
     * and it is never written; once the writer is committing it, the caller waits for the outcome
     * (one more commit timeout at most: the commit is a single round trip) and reports it truthfully.
     */
    private AuditEntry abandonOrAwait(Pending pending) {
        synchronized (decision) {
            if (pending.state != State.COMMITTING) {
                pending.state = State.ABANDONED;
                queue.remove(pending);
                throw new AuditUnavailableException("The audit entry was not committed within "
                        + TimeUnit.NANOSECONDS.toMillis(commitTimeoutNanos) + " ms; it will not be written.");
            }
        }
        try {
            return pending.result().get(commitTimeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("Interrupted while the audit entry was being committed.", e);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // The commit itself has not answered in twice the timeout: its outcome is unknown here.
            LOG.error("An audit commit did not answer within twice the commit timeout; its outcome is unknown to the caller");
            throw new AuditUnavailableException("The audit entry's commit did not answer; the operation was not performed.");
        }
    }

    /**
     * Just before the batch's commit: the batch goes ahead only if none of its callers has given
     * up, and from here on none can.
     */
    private boolean claimForCommit(List<Pending> batch) {
        synchronized (decision) {
            for (Pending p : batch) {
                if (p.state == State.ABANDONED) {
                    return false;
                }
            }
            batch.forEach(p -> p.state = State.COMMITTING);
            return true;
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            Pending first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                if (closed) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            write(batch);
            batch.clear();
        }
    }

    private void write(List<Pending> batch) {
        List<AuditEntry> committed;
        while (true) {
            synchronized (decision) {
                batch.removeIf(p -> p.state == State.ABANDONED);
            }
            if (batch.isEmpty()) {
                return;
            }
            List<AuditEvent> events = new ArrayList<>(batch.size());
            batch.forEach(p -> events.add(p.event()));
            List<List<AuditEntry>> claimed = new ArrayList<>(1);
            try {
                committed = store.append(events, inserted -> {
                    if (!claimForCommit(batch)) {
                        throw new BatchAbandoned();
                    }
                    claimed.add(inserted);
                });
                break;
            } catch (Throwable t) {
                if (isAbandoned(t)) {
                    // Rolled back; written again without the entries whose callers have given up.
                    continue;
                }
                if (!claimed.isEmpty() && committedAfterAll(claimed.get(0))) {
                    committed = claimed.get(0);
                    break;
                }
                fail(batch, t);
                return;
            }
        }
        succeed(batch, committed);
    }

    private static boolean isAbandoned(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof BatchAbandoned) {
                return true;
            }
        }
        return false;
    }

    private void fail(List<Pending> batch, Throwable t) {
        // Entries hold no PII, but a driver message can quote a failing row: log the kind of failure only.
        LOG.error("Audit batch of {} entries was not committed: {}", batch.size(), describe(t));
        AuditUnavailableException failure = new AuditUnavailableException(
                "The audit trail could not be written; the operation was not performed.", t);
        batch.forEach(p -> p.result().completeExceptionally(failure));
    }

    /**
     * The commit itself failed (the connection dropped as it was sent): it may have committed all
     * the same. The callers are told what the trail holds, not what the driver guessed.
     */
    private boolean committedAfterAll(List<AuditEntry> inserted) {
        if (inserted == null || inserted.isEmpty()) {
            return false;
        }
        AuditEntry last = inserted.get(inserted.size() - 1);
        try {
            return store.entry(last.seq()).map(last::equals).orElse(false);
        } catch (RuntimeException e) {
            LOG.error("After a failed audit commit its outcome could not be read back ({}); its callers are refused",
                    describe(e));
            return false;
        }
    }

    private void succeed(List<Pending> batch, List<AuditEntry> committed) {
        batches.incrementAndGet();
        entries.addAndGet(committed.size());
        try {
            // Before the callers go on, so the log file has an entry by the time its effect is visible.
            sink.emit(committed);
        } catch (RuntimeException e) {
            LOG.warn("Audit entries committed but not copied to the log file: {}", e.toString());
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(committed.get(i));
        }
        try {
            committedUpTo.accept(committed.get(committed.size() - 1).seq());
        } catch (RuntimeException e) {
            LOG.warn("After an audit commit: {}", e.toString());
        }
    }

    static String describe(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql) {
                return sql.getClass().getSimpleName() + " (SQLState " + sql.getSQLState() + ")";
            }
        }
        return t.getClass().getName();
    }

    /** Batches committed by this instance, and the entries in them (for the benchmark and metrics). */
    public long batchesCommitted() {
        return batches.get();
    }

    public long entriesCommitted() {
        return entries.get();
    }

    /** Stops taking entries, writes those already queued, and waits for the writer to finish. */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.NANOSECONDS.toMillis(commitTimeoutNanos) + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.result().completeExceptionally(new AuditUnavailableException("The audit trail is shut down."));
        }
    }
}
