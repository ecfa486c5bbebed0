package org.membergateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The hash definitions of docs/audit-format.md, kept in one place.
 *
 * <ul>
 *   <li>canonical bytes: the RFC 8785 (JCS) serialization of the entry's fields other than
 *       {@code prevHash} and {@code hash}, members whose value is null left out;</li>
 *   <li>leaf hash: SHA-256(0x00 || canonical bytes), as RFC 6962 hashes a leaf;</li>
 *   <li>entry hash: SHA-256(prevHash || leafHash), with 32 zero bytes before entry 1.</li>
 * </ul>
 *
 * <p>The entry schema is fixed, so JCS reduces to writing the members in sorted order with
 * ECMAScript string escaping; a general JSON canonicalizer would parse and re-sort every entry,
 * and the verifier hashes hundreds of thousands a second. Tests check this writer against an
 * independent RFC 8785 implementation.
 *
 * <p>Not thread-safe: it reuses its buffer and digest. Use one per thread.
 */
public final class EntryHasher {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private byte[] buffer = new byte[1024];
    private int length;

    public EntryHasher() {
        sha256 = newSha256();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The canonical bytes of an entry (a copy). */
    public byte[] canonical(long seq, String at, String actor, String action, String target, String decision,
                            List<String> reasons, String policyVersion, Long rows, String exportDigest) {
        write(seq, at, actor, action, target, decision, reasons, policyVersion, rows, exportDigest, null, null);
        return Arrays.copyOf(buffer, length);
    }

    public byte[] canonical(AuditEntry e) {
        return canonical(e.seq(), AuditTime.format(e.at()), e.actor(), e.action(), e.target(), e.decision(),
                e.reasons(), e.policyVersion(), e.rows(), e.exportDigest());
    }

    /** SHA-256(0x00 || canonical bytes). */
    public byte[] leafHash(long seq, String at, String actor, String action, String target, String decision,
                           List<String> reasons, String policyVersion, Long rows, String exportDigest) {
        write(seq, at, actor, action, target, decision, reasons, policyVersion, rows, exportDigest, null, null);
        sha256.update((byte) 0x00);
        sha256.update(buffer, 0, length);
        return sha256.digest();
    }

    public byte[] leafHash(AuditEntry e) {
        return leafHash(e.seq(), AuditTime.format(e.at()), e.actor(), e.action(), e.target(), e.decision(),
                e.reasons(), e.policyVersion(), e.rows(), e.exportDigest());
    }

    /**
     * The leaf hash from an entry as the database sends it in binary COPY: text fields as UTF-8
     * byte ranges of {@code row} (length -1 = NULL), reasons as stored (comma-joined). Produces the
     * same bytes as the String path, without decoding a String per field: the verifier's hot loop.
     *
     * @return null when a stored value could not have been written by the gateway (malformed)
     */
    byte[] leafHashOfStored(long seq, byte[] at, byte[] row, int[] offset, int[] length, Long rows) {
        if (length[StoredColumns.ACTOR] < 0 || length[StoredColumns.ACTION] < 0 || length[StoredColumns.REASONS] < 0) {
            return null;
        }
        this.length = 0;
        put('{');
        rawMember(true, "action", row, offset[StoredColumns.ACTION], length[StoredColumns.ACTION]);
        rawMember(false, "actor", row, offset[StoredColumns.ACTOR], length[StoredColumns.ACTOR]);
        name(false, "at");
        put('"');
        ensure(at.length);
        System.arraycopy(at, 0, buffer, this.length, at.length);
        this.length += at.length;
        put('"');
        rawMember(false, "decision", row, offset[StoredColumns.DECISION], length[StoredColumns.DECISION]);
        rawMember(false, "exportDigest", row, offset[StoredColumns.EXPORT_DIGEST], length[StoredColumns.EXPORT_DIGEST]);
        rawMember(false, "policyVersion", row, offset[StoredColumns.POLICY_VERSION], length[StoredColumns.POLICY_VERSION]);
        name(false, "reasons");
        if (!rawReasons(row, offset[StoredColumns.REASONS], length[StoredColumns.REASONS])) {
            return null;
        }
        if (rows != null) {
            name(false, "rows");
            ascii(Long.toString(rows));
        }
        name(false, "seq");
        ascii(Long.toString(seq));
        rawMember(false, "target", row, offset[StoredColumns.TARGET], length[StoredColumns.TARGET]);
        put('}');
        sha256.update((byte) 0x00);
        sha256.update(buffer, 0, this.length);
        return sha256.digest();
    }

    private void rawMember(boolean first, String name, byte[] row, int offset, int length) {
        if (length < 0) {
            return;
        }
        name(first, name);
        ensure(length * 6 + 2);
        buffer[this.length++] = '"';
        for (int i = offset; i < offset + length; i++) {
            byte b = row[i];
            if (b == '"' || b == '\\') {
                buffer[this.length++] = '\\';
                buffer[this.length++] = b;
            } else if (b >= 0 && b < 0x20) {
                // Only a tamperer stores control characters; escaped exactly as the String path does.
                String escaped = switch (b) {
                    case '\b' -> "\\b";
                    case '\t' -> "\\t";
                    case '\n' -> "\\n";
                    case '\f' -> "\\f";
                    case '\r' -> "\\r";
                    default -> String.format("\\u%04x", b);
                };
                for (int k = 0; k < escaped.length(); k++) {
                    buffer[this.length++] = (byte) escaped.charAt(k);
                }
            } else {
                // Bytes of valid UTF-8 (PostgreSQL guarantees it) are copied as they are.
                buffer[this.length++] = b;
            }
        }
        buffer[this.length++] = '"';
    }

    /** ["A","B"] from "A,B"; false unless every id is [A-Z][A-Z0-9_]*, so distinct arrays never collide. */
    private boolean rawReasons(byte[] row, int offset, int length) {
        ensure(length * 3 + 4);
        put('[');
        if (length == 0) {
            put(']');
            return true;
        }
        buffer[this.length++] = '"';
        boolean idStart = true;
        for (int i = offset; i < offset + length; i++) {
            byte b = row[i];
            if (b == ',') {
                if (idStart) {
                    return false;
                }
                buffer[this.length++] = '"';
                buffer[this.length++] = ',';
                buffer[this.length++] = '"';
                idStart = true;
            } else if (b >= 'A' && b <= 'Z' || !idStart && (b >= '0' && b <= '9' || b == '_')) {
                buffer[this.length++] = b;
                idStart = false;
            } else {
                return false;
            }
        }
        if (idStart) {
            return false;
        }
        buffer[this.length++] = '"';
        buffer[this.length++] = ']';
        return true;
    }

    /** SHA-256(prevHash || leafHash): the entry's {@code hash}. */
    public byte[] entryHash(byte[] prevHash, byte[] leafHash) {
        sha256.update(prevHash);
        sha256.update(leafHash);
        return sha256.digest();
    }

    /** RFC 6962 interior node: SHA-256(0x01 || left || right). */
    public byte[] nodeHash(byte[] left, byte[] right) {
        sha256.update((byte) 0x01);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /**
     * The log file's line for an entry: the same canonical JSON with {@code hash} and
     * {@code prevHash} added (still in JCS member order), so a line can be checked on its own.
     */
    public String jsonLine(AuditEntry e) {
        write(e.seq(), AuditTime.format(e.at()), e.actor(), e.action(), e.target(), e.decision(), e.reasons(),
                e.policyVersion(), e.rows(), e.exportDigest(), e.hash().bytes(), e.prevHash().bytes());
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    // Members in RFC 8785 order (UTF-16 code unit order of the names):
    // action, actor, at, decision, exportDigest, [hash], policyVersion, [prevHash], reasons, rows, seq, target.
    private void write(long seq, String at, String actor, String action, String target, String decision,
                       List<String> reasons, String policyVersion, Long rows, String exportDigest,
                       byte[] hash, byte[] prevHash) {
        length = 0;
        put('{');
        boolean first = true;
        first = member(first, "action", action);
        first = member(first, "actor", actor);
        first = member(first, "at", at);
        first = member(first, "decision", decision);
        first = member(first, "exportDigest", exportDigest);
        if (hash != null) {
            first = hexMember(first, "hash", hash);
        }
        first = member(first, "policyVersion", policyVersion);
        if (prevHash != null) {
            first = hexMember(first, "prevHash", prevHash);
        }
        name(first, "reasons");
        put('[');
        for (int i = 0; i < reasons.size(); i++) {
            if (i > 0) {
                put(',');
            }
            string(reasons.get(i));
        }
        put(']');
        if (rows != null) {
            name(false, "rows");
            ascii(Long.toString(rows));
        }
        name(false, "seq");
        ascii(Long.toString(seq));
        member(false, "target", target);
        put('}');
    }

    private boolean member(boolean first, String name, String value) {
        if (value == null) {
            return first;
        }
        name(first, name);
        string(value);
        return false;
    }

    private boolean hexMember(boolean first, String name, byte[] value) {
        name(first, name);
        put('"');
        for (byte b : value) {
            put(HEX[(b >> 4) & 0xf]);
            put(HEX[b & 0xf]);
        }
        put('"');
        return false;
    }

    /** Member names are few and fixed: their {@code "name":} bytes are made once. */
    private static final java.util.Map<String, byte[]> NAMES = new java.util.HashMap<>();

    static {
        for (String name : List.of("action", "actor", "at", "decision", "exportDigest", "hash", "policyVersion", "prevHash",
                "reasons", "rows", "seq", "target")) {
            NAMES.put(name, ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private void name(boolean first, String name) {
        byte[] bytes = NAMES.get(name);
        ensure(bytes.length + 1);
        if (!first) {
            buffer[length++] = ',';
        }
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buffer[length++] = (byte) s.charAt(i);
        }
    }

    /** A JSON string as ECMAScript's JSON.stringify writes it (RFC 8785 §3.2.2.2), in UTF-8. */
    private void string(String s) {
        ensure(s.length() * 6 + 2);
        buffer[length++] = '"';
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80) {
                if (c == '"' || c == '\\') {
                    buffer[length++] = '\\';
                }
                buffer[length++] = (byte) c;
            } else if (c < 0x20) {
                buffer[length++] = '\\';
                switch (c) {
                    case '\b' -> buffer[length++] = 'b';
                    case '\t' -> buffer[length++] = 't';
                    case '\n' -> buffer[length++] = 'n';
                    case '\f' -> buffer[length++] = 'f';
                    case '\r' -> buffer[length++] = 'r';
                    default -> {
                        buffer[length++] = 'u';
                        buffer[length++] = '0';
                        buffer[length++] = '0';
                        buffer[length++] = HEX[c >> 4];
                        buffer[length++] = HEX[c & 0xf];
                    }
                }
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xc0 | (c >> 6));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buffer[length++] = (byte) (0xf0 | (cp >> 18));
                buffer[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buffer[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // Never written by the gateway (AuditEvent rejects it); escaped so that whatever a
                // tamperer stored still has exactly one canonical form.
                String hex = HexFormat.of().toHexDigits(c);
                buffer[length++] = '\\';
                buffer[length++] = 'u';
                for (int k = 0; k < 4; k++) {
                    buffer[length++] = (byte) hex.charAt(k);
                }
            } else {
                buffer[length++] = (byte) (0xe0 | (c >> 12));
                buffer[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buffer[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        buffer[length++] = '"';
    }

    private void put(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
    }

    private void put(byte b) {
        ensure(1);
        buffer[length++] = b;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
