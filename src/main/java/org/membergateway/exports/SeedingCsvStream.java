package org.membergateway.exports;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Passes CSV bytes from PostgreSQL's COPY through, counting records, and writes a prepared seed line
 * before the record at each planned position. Records are counted by line ends outside quotes, so
 * a quoted field with a line break in it stays one record. The header line is not a record. The
 * rows it reports count the seeds planted as well: a file's row count must not give them away.
 */
final class SeedingCsvStream extends FilterOutputStream {

    private static final int PROGRESS_EVERY = 50_000;

    private final long[] positions;
    private final List<byte[]> seedLines;
    private final LongConsumer progress;
    private boolean inQuotes;
    private boolean headerDone;
    private boolean atRecordStart;
    private long records;
    private int nextSeed;

    /**
     * @param positions ascending record numbers (0 = before the first member row) to plant the seeds at
     * @param seedLines one CSV line (with its line end) per position
     * @param progress told the rows written (seeds included), every {@value #PROGRESS_EVERY} member rows
     */
    SeedingCsvStream(OutputStream out, long[] positions, List<byte[]> seedLines, LongConsumer progress) {
        super(out);
        this.positions = positions;
        this.seedLines = seedLines;
        this.progress = progress;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (atRecordStart && plantDue()) {
                out.write(b, start, i - start);
                start = i;
                plant();
            }
            atRecordStart = false;
            byte c = b[i];
            if (c == '"') {
                inQuotes = !inQuotes;
            } else if (c == '\n' && !inQuotes) {
                if (headerDone) {
                    records++;
                    if (records % PROGRESS_EVERY == 0) {
                        progress.accept(rows());
                    }
                } else {
                    headerDone = true;
                }
                atRecordStart = true;
            }
        }
        out.write(b, start, end - start);
    }

    private boolean plantDue() {
        return headerDone && nextSeed < positions.length && positions[nextSeed] <= records;
    }

    private void plant() throws IOException {
        while (plantDue()) {
            out.write(seedLines.get(nextSeed++));
        }
    }

    /** Plants any seeds still due (positions past the last row), then flushes. */
    void finish() throws IOException {
        if (headerDone) {
            while (nextSeed < positions.length) {
                out.write(seedLines.get(nextSeed++));
            }
        }
        flush();
    }

    /** Member rows passed through. */
    long records() {
        return records;
    }

    /** Every row written: the member rows and the seeds planted among them. */
    long rows() {
        return records + nextSeed;
    }

    int seedsPlanted() {
        return nextSeed;
    }
}
