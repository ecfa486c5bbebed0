package org.membergateway.audit;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.HexFormat;

/** A SHA-256 value of the trail (entry, leaf, node or root hash); lower-case hex in JSON. */
public record Sha256Hash(byte[] bytes) {

    public static final int LENGTH = 32;
    /** The genesis {@code prevHash} of entry 1: 32 zero bytes. */
    public static final Sha256Hash ZERO = new Sha256Hash(new byte[LENGTH]);

    public Sha256Hash {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a SHA-256 hash is 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static Sha256Hash ofHex(String hex) {
        return new Sha256Hash(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @JsonValue
    public String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    // Hashes in the trail are public values, so a plain comparison is fine (no secret to time).
    @Override
    public boolean equals(Object o) {
        return o instanceof Sha256Hash other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
