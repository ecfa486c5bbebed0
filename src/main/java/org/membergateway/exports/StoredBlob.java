package org.membergateway.exports;

import java.util.HexFormat;

/**
 * A finished export blob: its id in {@code export_blobs}, and the size and SHA-256 of the OpenPGP
 * message it holds (what {@code GET /exports/{id}} serves, before the at-rest layer).
 */
public record StoredBlob(long blobId, long bytes, byte[] sha256) {

    public StoredBlob {
        sha256 = sha256.clone();
    }

    @Override
    public byte[] sha256() {
        return sha256.clone();
    }

    /** Lower-case hex, as {@code sha256sum} prints it. */
    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredBlob that && blobId == that.blobId && bytes == that.bytes
                && java.util.Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(blobId);
    }

    @Override
    public String toString() {
        return "StoredBlob[" + blobId + ", " + bytes + " bytes, sha256 " + sha256Hex() + "]";
    }
}
