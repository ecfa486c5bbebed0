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
 * queue full or waits longer than the commit timeout. Nothing is kept in memory between batches:
 * each batch reads the head from the database, so a failed batch leaves nothing to repair.
 */
public final class GroupCommitAuditTrail implements AuditTrail, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitAuditTrail.class);

    private record Pending(AuditEvent event, CompletableFuture<AuditEntry> result) {
    }

    private final AuditStore store;
    private final AuditLogSink sink;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final long commitTimeoutNanos;
    private final LongConsumer committedUpTo;
    private final Thread writer;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param committedUpTo told the highest seq after each commit (the checkpointer listens)
     */
    public GroupCommitAuditTrail(AuditStore store, AuditLogSink sink, int queueCapacity, int maxBatch,
                                 Duration commitTimeout, LongConsumer committedUpTo) {
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
        Pending pending = new Pending(event, new CompletableFuture<>());
        long deadline = System.nanoTime() + commitTimeoutNanos;
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
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("Interrupted while waiting for the audit trail.", e);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            // The entry may still commit later; the operation is refused all the same.
            throw new AuditUnavailableException("The audit entry was not committed within "
                    + TimeUnit.NANOSECONDS.toMillis(commitTimeoutNanos) + " ms.");
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
        List<AuditEvent> events = new ArrayList<>(batch.size());
        batch.forEach(p -> events.add(p.event()));
        List<AuditEntry> committed;
        try {
            committed = store.append(events);
        } catch (Throwable t) {
            // Entries hold no PII, but a driver message can quote a failing row: log the kind of failure only.
            LOG.error("Audit batch of {} entries was not committed: {}", batch.size(), describe(t));
            AuditUnavailableException failure = new AuditUnavailableException(
                    "The audit trail could not be written; the operation was not performed.", t);
            batch.forEach(p -> p.result().completeExceptionally(failure));
            return;
        }
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
