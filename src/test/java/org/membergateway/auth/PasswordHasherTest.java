package org.membergateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final PasswordHasher HASHER = new PasswordHasher(new PasswordHasher.Parameters(19_456, 2, 1));

    @Test
    void hashesArePhcArgon2idStringsWithAFreshSalt() {
        String first = HASHER.hash("correct horse battery staple".toCharArray());
        String second = HASHER.hash("correct horse battery staple".toCharArray());
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$")
                .matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(second).isNotEqualTo(first);
        assertThat(HASHER.verify(first, "correct horse battery staple".toCharArray())).isTrue();
        assertThat(HASHER.verify(first, "correct horse battery stapler".toCharArray())).isFalse();
    }

    /** Made by the reference implementation (libargon2 20171227, argon2_hash with type Argon2id). */
    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$bWVtYmVyLWdhdGV3YXktcw$SuDIehwbXKb6Tu9cvTYfIfgzlesPzFIhgtKGwnaxfLU";
        assertThat(HASHER.verify(reference, "correct horse battery staple \u2713".toCharArray())).isTrue();
        assertThat(HASHER.verify(reference, "correct horse battery staple".toCharArray())).isFalse();
        // Other parameters than today's are still verified, and flagged for re-hashing.
        PasswordHasher cheaper = new PasswordHasher(new PasswordHasher.Parameters(12_288, 3, 1));
        assertThat(cheaper.verify(reference, "correct horse battery staple \u2713".toCharArray())).isTrue();
        assertThat(cheaper.needsRehash(reference)).isTrue();
        assertThat(HASHER.needsRehash(reference)).isFalse();
    }

    @Test
    void anythingButAnArgon2idPhcStringNeverMatches() {
        assertThat(HASHER.verify(null, "x".toCharArray())).isFalse();
        assertThat(HASHER.verify("", "".toCharArray())).isFalse();
        assertThat(HASHER.verify("plaintext", "plaintext".toCharArray())).isFalse();
        assertThat(HASHER.verify("$argon2i$v=19$m=19456,t=2,p=1$bWVtYmVyLWdhdGV3YXktcw$SuDIehwbXKb6Tu9cvTYfIfgzlesPzFIhgtKGwnaxfLU",
                "correct horse battery staple \u2713".toCharArray())).isFalse();
        assertThat(HASHER.verify("$argon2id$v=19$m=99999999,t=2,p=1$bWVtYmVyLWdhdGV3YXktcw$SuDIehwbXKb6Tu9cvTYfIfgzlesPzFIhgtKGwnaxfLU",
                "x".toCharArray())).isFalse();
    }

    @Test
    void costsTensOfMillisecondsAndIsCounted() {
        char[] password = "a long enough password".toCharArray();
        String hash = HASHER.hash(password);
        for (int i = 0; i < 5; i++) {
            HASHER.verify(hash, password);
        }
        long before = HASHER.computations();
        int rounds = 10;
        long started = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(HASHER.verify(hash, password)).isTrue();
        }
        double ms = (System.nanoTime() - started) / 1e6 / rounds;
        System.out.printf("Argon2id m=19456 KiB, t=2, p=1: %.1f ms per verification%n", ms);
        assertThat(HASHER.computations() - before).isEqualTo(rounds);
        assertThat(ms).as("deliberately slow").isGreaterThan(5);
    }
}
