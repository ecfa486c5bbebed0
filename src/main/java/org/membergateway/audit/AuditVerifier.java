package org.membergateway.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.membergateway.audit.AuditVerification.Problem;
import org.membergateway.crypto.SignedNote;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.postgresql.copy.CopyOut;

/**
 * Checks the whole trail against its own hashes and its signed checkpoints, in one pass over the
 * entries in seq order, in bounded memory (a COPY stream, a Merkle frontier, a chunk of
 * checkpoints, at most {@value #MAX_EARLY_ROWS_DOC} rows waiting for their turn). It recomputes
 * every entry's canonical bytes, leaf hash and chain hash from the stored columns, so it finds a
 * modified, deleted, inserted or reordered entry; and it recomputes the Merkle root at every
 * checkpoint, so it finds a consistent rewrite of the chain, or entries removed from the end,
 * against a signature the gateway made earlier.
 *
 * <p>Rows are read with binary COPY, first in physical order (cheapest for the server), falling
 * back to primary-key order from the first row that does not fit. Everything is read in one
 * REPEATABLE READ snapshot, so entries committed meanwhile do not confuse it.
 */
public final class AuditVerifier {

    /** Rows read ahead of their turn in physical order, at most (about 300 bytes each). */
    static final int MAX_EARLY_ROWS_DOC = 50_000;
    /** Entries per COPY in seq order; between two, the next checkpoints are read (same snapshot). */
    private static final long ENTRY_CHUNK = 250_000;
    private static final int CHECKPOINT_CHUNK = 1_000;
    private static final byte[] COPY_SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final Jdbi jdbi;
    private final String origin;
    private final List<SignedNote.Verifier> keys;

    /**
     * @param origin the log's origin line, which every checkpoint must carry
     * @param keys verifiers whose signatures are accepted on checkpoints
     */
    public AuditVerifier(Jdbi jdbi, String origin, List<SignedNote.Verifier> keys) {
        this.jdbi = jdbi;
        this.origin = origin;
        this.keys = List.copyOf(keys);
    }

    public AuditVerification verify() {
        return verify(List.of());
    }

    /**
     * @param trustedNotes checkpoint notes kept outside the database (e.g. by an auditor); the trail
     *     must still match them, which catches checkpoints deleted along with entries
     */
    public AuditVerification verify(List<String> trustedNotes) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> verify(h, trustedNotes));
    }

    /**
     * Verifies through a handle already in a transaction (tests use it to see uncommitted tampering).
     * The entries are read with binary COPY on the handle's connection, which no SqlObject can
     * express; the rest through {@link AuditDao} on the same handle, so in the same snapshot.
     */
    public AuditVerification verify(Handle handle, List<String> trustedNotes) {
        try {
            return new Run(handle.getConnection(), handle.attach(AuditDao.class), trustedNotes).run();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    /** A heap tuple's address, (block, offset), in the order a TID range scan returns tuples. */
    record Tid(long block, int offset) implements Comparable<Tid> {
        static final Tid START = new Tid(0, 0);

        static Tid parse(String text) {
            String[] parts = text.substring(1, text.length() - 1).split(",");
            return new Tid(Long.parseLong(parts[0]), Integer.parseInt(parts[1]));
        }

        @Override
        public int compareTo(Tid other) {
            int byBlock = Long.compare(block, other.block);
            return byBlock != 0 ? byBlock : Integer.compare(offset, other.offset);
        }

        @Override
        public String toString() {
            return "(" + block + "," + offset + ")";
        }
    }

    /** A checkpoint to hold the trail against: a row of audit_checkpoints, or a note from outside. */
    private record Checkpoint(long treeSize, String note, byte[] rootColumn, byte[] frontierColumn) {
        boolean external() {
            return rootColumn == null;
        }
    }

    private final class Run {
        private final Connection connection;
        private final AuditDao dao;
        private final List<Checkpoint> external = new ArrayList<>();
        private final Deque<Checkpoint> stored = new ArrayDeque<>();
        private final EntryHasher hasher = new EntryHasher();
        private final MerkleFrontier frontier = new MerkleFrontier();
        private long storedLoadedUpTo;
        private boolean storedExhausted;
        private long checked;
        private Long latestChecked;
        /** Entries up to here matched a signed checkpoint; a later mismatch lies after it. */
        private long lastGoodCheckpoint;
        private long entries;

        Run(Connection connection, AuditDao dao, List<String> trustedNotes) {
            this.connection = connection;
            this.dao = dao;
            for (String note : trustedNotes) {
                long size = sizeClaimedBy(note);
                if (size < 1) {
                    throw new IllegalArgumentException("not a checkpoint note (no tree size on its second line)");
                }
                external.add(new Checkpoint(size, note, null, null));
            }
            external.sort(Comparator.comparingLong(Checkpoint::treeSize));
        }

        private final StoredColumns row = new StoredColumns();
        private final StoredColumns.TimeFormatter times = new StoredColumns.TimeFormatter();
        private CopyManager copy;
        private byte[] prev = Sha256Hash.ZERO.bytes();

        AuditVerification run() throws SQLException {
            long last = dao.size();
            copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Outcome outcome = inPhysicalOrder();
            if (outcome == Outcome.OUT_OF_ORDER || outcome == Outcome.DONE && entries < last) {
                outcome = inSeqOrder(last);
            }
            if (outcome == Outcome.PROBLEM) {
                return problem;
            }
            Checkpoint beyond = nextCheckpoint(true);
            if (beyond != null) {
                Optional<AuditVerification> signature = checkSignature(beyond);
                if (signature.isPresent()) {
                    return signature.get();
                }
                return invalid(entries + 1, Problem.ENTRIES_MISSING, "a checkpoint signed " + beyond.treeSize()
                        + " entries but the trail has " + entries + ": the last entries were removed");
            }
            return AuditVerification.valid(entries, entries == 0 ? null : new Sha256Hash(prev), checked, latestChecked);
        }

        private AuditVerification problem;

        private enum Outcome { DONE, OUT_OF_ORDER, PROBLEM, STOPPED }

        /**
         * The fast path: the table read in its physical order with TID range scans, about half the
         * server's work of walking the primary key. An append-only table written by one writer at
         * a time is nearly in seq order; the rows that are not (a short row placed in an older
         * page's free space) wait in a bounded buffer for their turn. Every visible row is read
         * exactly once, so a missing, extra or duplicated row shows as one that never fits; then
         * (and only then) the rest is read in seq order, which names the problem precisely.
         */
        private Outcome inPhysicalOrder() throws SQLException {
            long blocks = dao.entryPages();
            java.util.TreeMap<Long, byte[]> early = new java.util.TreeMap<>();
            while (true) {
                // Checkpoints are read between chunks: no other statement can run while COPY streams.
                nextCheckpoint(true);
                Outcome waiting = checkEarlyRows(early);
                if (waiting == Outcome.STOPPED) {
                    continue; // the loaded checkpoints are used up: read the next ones
                }
                if (waiting != Outcome.DONE) {
                    return waiting;
                }
                if (after.block() >= blocks) {
                    return early.isEmpty() ? Outcome.DONE : Outcome.OUT_OF_ORDER;
                }
                long endBlock = storedExhausted ? blocks
                        : Math.min(blocks, after.block() + Math.max(8, Math.min(2048, (storedLoadedUpTo - entries) / 20 + 8)));
                Outcome outcome = stream("SELECT " + StoredColumns.SELECT + " FROM audit_entries WHERE ctid > '" + after
                        + "' AND ctid < '(" + endBlock + ",0)'", early);
                if (outcome == Outcome.DONE) {
                    after = new Tid(endBlock, 0);
                } else if (outcome != Outcome.STOPPED) {
                    return outcome;
                }
            }
        }

        /** The last row taken from the physical-order stream. */
        private Tid after = Tid.START;

        /** Checks rows that arrived early, now in turn; STOPPED when more checkpoints must be read first. */
        private Outcome checkEarlyRows(java.util.TreeMap<Long, byte[]> early) {
            while (!early.isEmpty() && early.firstKey() == entries + 1) {
                if (checkpointsNotLoaded()) {
                    return Outcome.STOPPED;
                }
                row.parse(early.pollFirstEntry().getValue());
                problem = check(row, times, prev);
                if (problem != null) {
                    return Outcome.PROBLEM;
                }
                prev = lastHash;
            }
            return Outcome.DONE;
        }

        /**
         * True when the next stored checkpoint has not been read yet: checkpoints are read in order,
         * so while any is buffered, every one up to it is known.
         */
        private boolean checkpointsNotLoaded() {
            return !storedExhausted && stored.isEmpty();
        }

        /** The careful path: ranges of seq through the primary key, so every gap and misplaced row is named. */
        private Outcome inSeqOrder(long last) throws SQLException {
            while (entries < last) {
                nextCheckpoint(true);
                long position = entries;
                long to = Math.min(position + ENTRY_CHUNK, last);
                if (!storedExhausted && !stored.isEmpty()) {
                    to = Math.min(to, Math.max(position + 1, stored.peekLast().treeSize()));
                }
                Outcome outcome = stream("SELECT " + StoredColumns.SELECT + " FROM audit_entries WHERE seq > " + position
                        + " AND seq <= " + to + " ORDER BY seq", null);
                if (outcome != Outcome.DONE) {
                    return outcome;
                }
                if (entries < to) {
                    // The range held fewer rows than it spans: the next expected entry is gone.
                    problem = invalid(entries + 1, Problem.ENTRY_MISSING, "entry " + (entries + 1) + " is missing");
                    return Outcome.PROBLEM;
                }
            }
            return Outcome.DONE;
        }

        private static final int MAX_EARLY_ROWS = MAX_EARLY_ROWS_DOC;

        /**
         * Streams one query through binary COPY and checks each row in turn. With {@code early}
         * (physical order), a row ahead of its turn waits there; a row that can never fit ends the
         * pass (OUT_OF_ORDER); a row whose checkpoints are not loaded yet ends the chunk (STOPPED)
         * before it is taken. The COPY is always read to its end: cancelling would send an
         * asynchronous cancel request that can hit the connection's next statement.
         */
        private Outcome stream(String select, java.util.TreeMap<Long, byte[]> early) throws SQLException {
            CopyOut out = copy.copyOut("COPY (" + select + ") TO STDOUT (FORMAT binary)");
            Outcome outcome = Outcome.DONE;
            try {
                byte[] message = out.readFromCopy();
                boolean first = true;
                while (message != null && outcome == Outcome.DONE) {
                    if (first) {
                        message = skipHeader(message);
                        first = false;
                    }
                    boolean trailer = message.length == 2 && message[0] == (byte) 0xff && message[1] == (byte) 0xff;
                    if (message.length > 0 && !trailer) {
                        outcome = take(message, early);
                    }
                    message = out.readFromCopy();
                }
            } finally {
                while (out.isActive() && out.readFromCopy() != null) {
                    // drain
                }
            }
            return outcome;
        }

        private Outcome take(byte[] message, java.util.TreeMap<Long, byte[]> early) {
            if (!row.parse(message)) {
                problem = invalid(entries + 1, Problem.ENTRY_MALFORMED, "unreadable row after entry " + entries);
                return Outcome.PROBLEM;
            }
            if (early == null) {
                problem = check(row, times, prev);
                if (problem != null) {
                    return Outcome.PROBLEM;
                }
                prev = lastHash;
                return Outcome.DONE;
            }
            if (row.length[StoredColumns.SEQ] != 8 || row.length[StoredColumns.CTID] != 6) {
                return Outcome.OUT_OF_ORDER;
            }
            long seq = row.int8(StoredColumns.SEQ);
            Tid tid = row.tid();
            if (seq == entries + 1) {
                if (checkpointsNotLoaded()) {
                    return Outcome.STOPPED;
                }
                problem = check(row, times, prev);
                if (problem != null) {
                    return Outcome.PROBLEM;
                }
                prev = lastHash;
                after = tid;
                return checkEarlyRows(early);
            }
            if (seq > entries + 1 && early.size() < MAX_EARLY_ROWS && !early.containsKey(seq)) {
                early.put(seq, message);
                after = tid;
                return Outcome.DONE;
            }
            return Outcome.OUT_OF_ORDER;
        }

        private byte[] lastHash;

        /** Checks one entry; null when it is as the gateway wrote it. */
        private AuditVerification check(StoredColumns row, StoredColumns.TimeFormatter times, byte[] prev) {
            long expected = entries + 1;
            if (row.isNull(StoredColumns.SEQ) || row.length[StoredColumns.SEQ] != 8) {
                return invalid(expected, Problem.ENTRY_MALFORMED, "entry " + expected + " has no seq");
            }
            long seq = row.int8(StoredColumns.SEQ);
            if (seq != expected) {
                return seq > expected
                        ? invalid(expected, Problem.ENTRY_MISSING, "entry " + expected + " is missing")
                        : invalid(seq, Problem.ENTRY_UNEXPECTED, "entry " + seq + " appears out of order");
            }
            byte[] at = row.isNull(StoredColumns.AT) || row.length[StoredColumns.AT] != 8 ? null
                    : times.format(row.int8(StoredColumns.AT));
            Long rows = row.isNull(StoredColumns.ROW_COUNT) ? null : row.int8(StoredColumns.ROW_COUNT);
            if (at == null || rows != null && (rows < 0 || rows > AuditEvent.MAX_ROWS)
                    || !row.is32Bytes(StoredColumns.PREV_HASH) || !row.is32Bytes(StoredColumns.LEAF_HASH)
                    || !row.is32Bytes(StoredColumns.HASH)) {
                return invalid(seq, Problem.ENTRY_MALFORMED, "entry " + seq + " holds a value no writer produces");
            }
            if (!row.equals32(StoredColumns.PREV_HASH, prev)) {
                return invalid(seq, Problem.CHAIN_BROKEN, "entry " + seq + "'s prevHash is not the hash of entry " + (seq - 1));
            }
            byte[] leaf = hasher.leafHashOfStored(seq, at, row.row, row.offset, row.length, rows);
            if (leaf == null) {
                return invalid(seq, Problem.ENTRY_MALFORMED, "entry " + seq + " holds a value no writer produces");
            }
            if (!row.equals32(StoredColumns.LEAF_HASH, leaf)) {
                return invalid(seq, Problem.ENTRY_MODIFIED, "entry " + seq + " was changed after it was written");
            }
            byte[] hash = hasher.entryHash(prev, leaf);
            if (!row.equals32(StoredColumns.HASH, hash)) {
                return invalid(seq, Problem.ENTRY_MODIFIED, "entry " + seq + "'s hash does not match its content");
            }
            frontier.append(leaf);
            entries = seq;
            lastHash = hash;
            try {
                return checkpointsAt(seq).orElse(null);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Every checkpoint at this tree size must be signed by a known key and carry this root. */
        private Optional<AuditVerification> checkpointsAt(long size) throws SQLException {
            Checkpoint next;
            while ((next = nextCheckpoint(false)) != null && next.treeSize() <= size) {
                takeCheckpoint();
                Optional<AuditVerification> signature = checkSignature(next);
                if (signature.isPresent()) {
                    return signature;
                }
                byte[] root = frontier.root();
                if (!Arrays.equals(root, rootClaimedBy(next))) {
                    return Optional.of(invalid(lastGoodCheckpoint + 1, Problem.CHECKPOINT_MISMATCH, "entries "
                            + (lastGoodCheckpoint + 1) + ".." + size + " do not match the checkpoint signed at tree size "
                            + size));
                }
                if (!next.external() && !Arrays.equals(next.frontierColumn(), frontier.encoded())) {
                    return Optional.of(invalid(size, Problem.CHECKPOINT_INVALID,
                            "the stored frontier of the checkpoint at tree size " + size + " was changed"));
                }
                lastGoodCheckpoint = size;
                latestChecked = size;
                checked++;
            }
            return Optional.empty();
        }

        private Optional<AuditVerification> checkSignature(Checkpoint checkpoint) {
            long size = checkpoint.treeSize();
            Optional<String> text = open(checkpoint.note());
            if (text.isEmpty()) {
                return Optional.of(invalid(size, Problem.CHECKPOINT_INVALID, "the checkpoint at tree size " + size
                        + (keys.isEmpty() ? " cannot be checked: no verifier key" : " is not signed by the log's key")));
            }
            String[] lines = text.get().split("\n");
            boolean matches = lines.length >= 3 && lines[0].equals(origin) && lines[1].equals(Long.toString(size));
            if (matches && !checkpoint.external()) {
                matches = Arrays.equals(decodeRoot(lines[2]), checkpoint.rootColumn());
            }
            if (!matches) {
                return Optional.of(invalid(size, Problem.CHECKPOINT_INVALID,
                        "the checkpoint at tree size " + size + " does not match its signed note"));
            }
            return Optional.empty();
        }

        private Optional<String> open(String note) {
            for (SignedNote.Verifier key : keys) {
                Optional<String> text = key.open(note);
                if (text.isPresent()) {
                    return text;
                }
            }
            return Optional.empty();
        }

        /** The next checkpoint by tree size; loads the next chunk only when {@code mayQuery} (no COPY running). */
        private Checkpoint nextCheckpoint(boolean mayQuery) throws SQLException {
            if (mayQuery && stored.isEmpty() && !storedExhausted) {
                loadStoredCheckpoints();
            }
            Checkpoint fromDb = stored.peekFirst();
            Checkpoint fromOutside = external.isEmpty() ? null : external.get(0);
            if (fromDb == null) {
                return fromOutside;
            }
            return fromOutside != null && fromOutside.treeSize() < fromDb.treeSize() ? fromOutside : fromDb;
        }

        private void takeCheckpoint() throws SQLException {
            Checkpoint next = nextCheckpoint(false);
            if (next.external()) {
                external.remove(0);
            } else {
                stored.removeFirst();
            }
        }

        /** A chunk at a time, between fetches of the entry cursor, so memory stays bounded. */
        private void loadStoredCheckpoints() {
            for (AuditDao.CheckpointRow row : dao.checkpointRowsAfter(storedLoadedUpTo, CHECKPOINT_CHUNK)) {
                stored.add(new Checkpoint(row.treeSize(), row.note(), row.rootHash(), row.frontier()));
                storedLoadedUpTo = row.treeSize();
            }
            storedExhausted = stored.size() < CHECKPOINT_CHUNK;
        }

        private AuditVerification invalid(long seq, Problem problem, String reason) {
            return AuditVerification.invalid(entries, checked, latestChecked, seq, problem, reason);
        }
    }

    /** Strips the binary COPY header (signature, flags, extension) from the first message. */
    private static byte[] skipHeader(byte[] first) {
        if (first.length < 19 || !Arrays.equals(first, 0, 11, COPY_SIGNATURE, 0, 11)) {
            throw new IllegalStateException("not a binary COPY stream");
        }
        int extension = (first[15] & 0xff) << 24 | (first[16] & 0xff) << 16 | (first[17] & 0xff) << 8 | first[18] & 0xff;
        return Arrays.copyOfRange(first, 19 + extension, first.length);
    }

    private static long sizeClaimedBy(String note) {
        String[] lines = note.split("\n", 3);
        try {
            return lines.length >= 2 ? Long.parseLong(lines[1]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static byte[] rootClaimedBy(Checkpoint checkpoint) {
        return decodeRoot(checkpoint.note().split("\n", 4)[2]);
    }

    private static byte[] decodeRoot(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
