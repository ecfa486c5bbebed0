package org.membergateway.audit;

import java.nio.charset.StandardCharsets;

/**
 * One row of the verifier's binary COPY of audit_entries, parsed in place: field offsets and
 * lengths into the message, fixed-width values decoded. Binary COPY (PostgreSQL's own dump format)
 * is used because the server sends it with the least work per row, and the verifier's speed is
 * bounded by the server on a small machine.
 */
final class StoredColumns {

    static final String SELECT = "seq, at, actor, action, target, decision, reasons, policy_version, row_count,"
            + " export_digest, prev_hash, leaf_hash, hash, ctid";
    static final int SEQ = 0;
    static final int AT = 1;
    static final int ACTOR = 2;
    static final int ACTION = 3;
    static final int TARGET = 4;
    static final int DECISION = 5;
    static final int REASONS = 6;
    static final int POLICY_VERSION = 7;
    static final int ROW_COUNT = 8;
    static final int EXPORT_DIGEST = 9;
    static final int PREV_HASH = 10;
    static final int LEAF_HASH = 11;
    static final int HASH = 12;
    /** Where the row is stored: the verifier reads in physical order when it can. */
    static final int CTID = 13;
    static final int COUNT = 14;

    /** PostgreSQL counts timestamps in microseconds from 2000-01-01 00:00:00 UTC. */
    private static final long POSTGRES_EPOCH_DAYS = 10_957;

    final int[] offset = new int[COUNT];
    final int[] length = new int[COUNT];
    byte[] row;

    /** Reads one tuple message; false for the trailer (field count -1) or a message of another shape. */
    boolean parse(byte[] message) {
        row = message;
        if (message.length < 2) {
            return false;
        }
        int fields = (short) ((message[0] & 0xff) << 8 | message[1] & 0xff);
        if (fields != COUNT) {
            return false;
        }
        int p = 2;
        for (int i = 0; i < COUNT; i++) {
            if (p + 4 > message.length) {
                return false;
            }
            int n = int32(message, p);
            p += 4;
            offset[i] = p;
            length[i] = n;
            if (n > 0) {
                p += n;
            }
        }
        return p == message.length;
    }

    boolean isNull(int field) {
        return length[field] < 0;
    }

    long int8(int field) {
        int p = offset[field];
        return (long) int32(row, p) << 32 | int32(row, p + 4) & 0xffffffffL;
    }

    /** The row's tid (binary: 4-byte block number, 2-byte offset). */
    AuditVerifier.Tid tid() {
        int p = offset[CTID];
        return new AuditVerifier.Tid(int32(row, p) & 0xffffffffL, (row[p + 4] & 0xff) << 8 | row[p + 5] & 0xff);
    }

    boolean is32Bytes(int field) {
        return length[field] == Sha256Hash.LENGTH;
    }

    boolean equals32(int field, byte[] hash) {
        return java.util.Arrays.equals(row, offset[field], offset[field] + 32, hash, 0, 32);
    }

    byte[] bytes(int field) {
        return java.util.Arrays.copyOfRange(row, offset[field], offset[field] + length[field]);
    }

    private static int int32(byte[] b, int p) {
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
    }

    /** Formats a stored timestamp as {@link AuditTime} does, without java.time; caches the date part. */
    static final class TimeFormatter {
        private long cachedDay = Long.MIN_VALUE;
        private final byte[] text = "0000-00-00T00:00:00.000000Z".getBytes(StandardCharsets.US_ASCII);

        /** Null for a time outside years 0001-9999, which the canonical form cannot hold. */
        byte[] format(long postgresMicros) {
            long micros = Math.floorMod(postgresMicros, 86_400_000_000L);
            long day = Math.floorDiv(postgresMicros, 86_400_000_000L) + POSTGRES_EPOCH_DAYS;
            if (day != cachedDay) {
                if (!date(day)) {
                    return null;
                }
                cachedDay = day;
            }
            long seconds = micros / 1_000_000;
            digits((int) (seconds / 3600), 11, 2);
            digits((int) (seconds / 60 % 60), 14, 2);
            digits((int) (seconds % 60), 17, 2);
            digits((int) (micros % 1_000_000), 20, 6);
            return text;
        }

        /** Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
        private boolean date(long epochDay) {
            long z = epochDay + 719_468;
            long era = Math.floorDiv(z, 146_097);
            long doe = z - era * 146_097;
            long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            long d = doy - (153 * mp + 2) / 5 + 1;
            long m = mp < 10 ? mp + 3 : mp - 9;
            long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
            if (y < 1 || y > 9999) {
                return false;
            }
            digits((int) y, 0, 4);
            digits((int) m, 5, 2);
            digits((int) d, 8, 2);
            return true;
        }

        private void digits(int value, int at, int width) {
            for (int i = at + width - 1; i >= at; i--) {
                text[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
        }
    }
}
