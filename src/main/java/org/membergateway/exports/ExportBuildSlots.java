package org.membergateway.exports;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many exports this instance builds at once ({@code exports.maxConcurrentBuilds}). A
 * build holds three connections of the request pool for its whole length (the COPY reader, its
 * progress, the large-object transaction), so unbounded builds exhaust the pool and starve every
 * other request; past the bound an export is refused at once with {@code 503 EXPORTS_BUSY} and
 * {@code Retry-After}, before any member row is read. Never waits: a caller that waits would hold
 * a Jetty thread for the length of someone else's export.
 */
public final class ExportBuildSlots {

    private final int size;
    private final Semaphore free;

    public ExportBuildSlots(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("at least one export build at a time");
        }
        this.size = size;
        this.free = new Semaphore(size);
    }

    /**
     * A slot for one build, released by {@link Slot#close()} (once, however often it is called).
     *
     * @throws ExportException {@code 503 EXPORTS_BUSY} when every slot is taken
     */
    public Slot take() {
        if (!free.tryAcquire()) {
            throw ExportException.busy();
        }
        return new Slot();
    }

    /** How many builds may run at once. */
    public int size() {
        return size;
    }

    /** How many more builds could start now. */
    public int available() {
        return free.availablePermits();
    }

    /** One build's slot. */
    public final class Slot implements AutoCloseable {
        private final AtomicBoolean released = new AtomicBoolean();

        private Slot() {
        }

        @Override
        public void close() {
            if (released.compareAndSet(false, true)) {
                free.release();
            }
        }
    }
}
