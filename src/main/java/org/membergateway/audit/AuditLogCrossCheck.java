package org.membergateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;

/**
 * Holds an audit log file (the JSON lines of {@link AuditLogSink}, plain or gzipped archive)
 * against the database: every line must be an entry the database has, unchanged. Entries the
 * file lacks are counted, not failed: another instance's entries go to its own file, and a crash
 * between commit and log write can drop the last line. Streams both sides in seq order.
 */
public final class AuditLogCrossCheck {

    /**
     * @param lines entry lines read
     * @param notInFile database entries between the file's first and last seq that the file lacks
     * @param firstMismatchSeq the first seq where file and database disagree; null when they agree
     */
    public record Result(long lines, long notInFile, Long firstMismatchSeq, String reason) {
        public boolean matches() {
            return firstMismatchSeq == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditLogCrossCheck() {
    }

    public static Result check(Jdbi jdbi, Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            // In a transaction: the cursor then fetches in chunks instead of loading the whole table.
            return jdbi.inTransaction(h -> {
                try {
                    return new Run(h.attach(AuditDao.class)).run(reader);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    private static final class Run {
        private final AuditDao dao;
        private final EntryHasher hasher = new EntryHasher();
        private ResultIterator<AuditDao.ChainLink> cursor;
        private AuditDao.ChainLink current;
        private long cursorSeq = -1;
        private long lines;
        private long notInFile;

        Run(AuditDao dao) {
            this.dao = dao;
        }

        Result run(BufferedReader reader) throws IOException {
            try {
                String line;
                long previous = 0;
                while ((line = reader.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    lines++;
                    JsonNode entry;
                    long seq;
                    try {
                        entry = JSON.readTree(line);
                        seq = entry.path("seq").asLong(-1);
                    } catch (IOException e) {
                        return mismatch(previous + 1, "line " + lines + " is not an audit entry");
                    }
                    if (seq < 1) {
                        return mismatch(previous + 1, "line " + lines + " has no seq");
                    }
                    if (seq <= previous) {
                        open(seq);
                    } else if (cursor == null) {
                        open(seq);
                    }
                    while (cursorSeq != -1 && cursorSeq < seq) {
                        if (previous > 0) {
                            notInFile++;
                        }
                        advance();
                    }
                    if (cursorSeq != seq) {
                        return mismatch(seq, "entry " + seq + " is in the log file but not in the database");
                    }
                    if (!sameEntry(entry)) {
                        return mismatch(seq, "entry " + seq + " differs between the log file and the database");
                    }
                    advance();
                    previous = seq;
                }
                return new Result(lines, notInFile, null, null);
            } finally {
                close();
            }
        }

        private boolean sameEntry(JsonNode entry) {
            List<String> reasons = new ArrayList<>();
            entry.path("reasons").forEach(r -> reasons.add(r.asText()));
            byte[] leaf = hasher.leafHash(entry.path("seq").asLong(), text(entry, "at"), text(entry, "actor"),
                    text(entry, "action"), text(entry, "target"), text(entry, "decision"), reasons,
                    text(entry, "policyVersion"), entry.hasNonNull("rows") ? entry.get("rows").asLong() : null,
                    text(entry, "exportDigest"));
            try {
                return Arrays.equals(leaf, current.leafHash())
                        && Arrays.equals(HexFormat.of().parseHex(text(entry, "prevHash")), current.prevHash())
                        && Arrays.equals(HexFormat.of().parseHex(text(entry, "hash")), current.hash());
            } catch (IllegalArgumentException | NullPointerException e) {
                return false;
            }
        }

        private static String text(JsonNode entry, String field) {
            JsonNode value = entry.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        private void open(long fromSeq) {
            close();
            cursor = dao.chainLinksFrom(fromSeq);
            advance();
        }

        private void advance() {
            current = cursor.hasNext() ? cursor.next() : null;
            cursorSeq = current == null ? -1 : current.seq();
        }

        private void close() {
            if (cursor != null) {
                cursor.close();
                cursor = null;
            }
        }

        private Result mismatch(long seq, String reason) {
            return new Result(lines, notInFile, seq, reason);
        }
    }
}
