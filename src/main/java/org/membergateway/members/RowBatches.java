package org.membergateway.members;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a {@link MemberSource} on a background thread and hands its rows over in batches of
 * COPY records ({@code line} followed by the CSV values), with a bounded queue between the two so
 * memory stays constant. A failure while reading (a bad line) surfaces in {@link #take()}.
 */
final class RowBatches {

    private static final int BATCH_ROWS = 1_000;
    private static final int QUEUED_BATCHES = 16;
    private static final List<Object[]> END = List.of();

    private final BlockingQueue<List<Object[]>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final Thread reader;
    private volatile RuntimeException failure;

    private RowBatches(MemberSource rows) {
        this.reader = new Thread(() -> read(rows), "member-import-reader");
        this.reader.setDaemon(true);
    }

    static RowBatches start(MemberSource rows) {
        RowBatches batches = new RowBatches(rows);
        batches.reader.start();
        return batches;
    }

    private void read(MemberSource rows) {
        try {
            List<Object[]> batch = new ArrayList<>(BATCH_ROWS);
            while (rows.hasNext()) {
                MemberRow row = rows.next();
                String[] values = MemberCsv.values(row);
                Object[] record = new Object[values.length + 1];
                record[0] = rows.line();
                System.arraycopy(values, 0, record, 1, values.length);
                batch.add(record);
                if (batch.size() == BATCH_ROWS) {
                    queue.put(batch);
                    batch = new ArrayList<>(BATCH_ROWS);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(batch);
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            failure = e;
        } catch (Error e) {
            // Without this the consumer would wait for END forever.
            failure = new IllegalStateException("reading the import failed", e);
        }
        try {
            queue.put(END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch; an empty list once the source is exhausted. Rethrows the reader's failure. */
    List<Object[]> take() {
        try {
            List<Object[]> batch = queue.take();
            if (batch == END && failure != null) {
                throw failure;
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("member import interrupted", e);
        }
    }

    /** Stops the reader if the consumer gave up early (COPY failed), and waits for it to finish. */
    void stop() {
        reader.interrupt();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
