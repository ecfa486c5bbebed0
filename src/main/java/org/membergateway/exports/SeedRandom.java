package org.membergateway.exports;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.prng.EntropySource;
import org.bouncycastle.crypto.prng.drbg.HMacSP800DRBG;

/**
 * The random choices behind one export's seed records, derived from the export's secret with
 * Bouncy Castle's HMAC_DRBG (NIST SP 800-90A): the same secret and purpose give the same choices,
 * and without the secret they cannot be told from chance. Each purpose ({@code "records"},
 * {@code "positions"} ...) has its own stream, so drawing more of one never moves another.
 */
final class SeedRandom implements RandomGenerator {

    private final HMacSP800DRBG drbg;
    private final byte[] block = new byte[32];
    private int used = block.length;

    private SeedRandom(byte[] secret, String purpose) {
        byte[] entropy = secret.clone();
        EntropySource fixed = new EntropySource() {
            @Override
            public boolean isPredictionResistant() {
                return false;
            }

            @Override
            public byte[] getEntropy() {
                return entropy.clone();
            }

            @Override
            public int entropySize() {
                return entropy.length * 8;
            }
        };
        this.drbg = new HMacSP800DRBG(new HMac(new SHA256Digest()), 256, fixed,
                ("member-gateway seed records: " + purpose).getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    /** @param secret the export's seed secret ({@link SeedRecords#SECRET_BYTES} bytes) */
    static SeedRandom of(byte[] secret, String purpose) {
        if (secret == null || secret.length < SeedRecords.SECRET_BYTES) {
            throw new IllegalArgumentException("a seed secret has " + SeedRecords.SECRET_BYTES + " bytes");
        }
        return new SeedRandom(secret, purpose);
    }

    @Override
    public long nextLong() {
        if (used + Long.BYTES > block.length) {
            if (drbg.generate(block, null, false) < 0) {
                // 2^48 requests: never for a few seed records.
                throw new IllegalStateException("seed randomness exhausted");
            }
            used = 0;
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (block[used++] & 0xff);
        }
        return value;
    }
}
