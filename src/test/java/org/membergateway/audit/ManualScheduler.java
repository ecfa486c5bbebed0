package org.membergateway.audit;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Checkpointer.Scheduler} that runs nothing by itself: the test says when a period has
 * passed ({@link #endPeriod()}) and runs what other threads handed over ({@link #runHandedOver}),
 * so no checkpoint ever happens at a moment the test did not choose.
 */
final class ManualScheduler implements Checkpointer.Scheduler {

    private final BlockingQueue<Runnable> handedOver = new LinkedBlockingQueue<>();
    private volatile Runnable repeating;
    private volatile Duration period;

    @Override
    public void execute(Runnable task) {
        handedOver.add(task);
    }

    @Override
    public synchronized void repeat(Runnable task, Duration period) {
        if (repeating != null) {
            throw new IllegalStateException("one repeating task only");
        }
        this.repeating = task;
        this.period = period;
    }

    @Override
    public void close() {
        handedOver.clear();
        repeating = null;
    }

    /** The period the repeating task asked for; null when nothing repeats. */
    Duration period() {
        return period;
    }

    /** Runs the repeating task once, as one elapsed period would. */
    void endPeriod() {
        Runnable task = repeating;
        if (task == null) {
            throw new IllegalStateException("nothing repeats");
        }
        task.run();
    }

    /** Waits (at most the timeout) for a task handed over from another thread, then runs it here. */
    void runHandedOver(Duration timeout) throws InterruptedException {
        Runnable task = handedOver.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (task == null) {
            throw new AssertionError("no task was handed to the scheduler within " + timeout);
        }
        task.run();
    }

    /** Runs what has been handed over so far, without waiting. */
    int runHandedOverSoFar() {
        int ran = 0;
        Runnable task;
        while ((task = handedOver.poll()) != null) {
            task.run();
            ran++;
        }
        return ran;
    }

    int handedOverCount() {
        return handedOver.size();
    }
}
