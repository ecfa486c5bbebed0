package org.membergateway.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in the PHC string format that other tools read
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, unpadded base64), computed with
 * Bouncy Castle.
 *
 * <p>Not Shiro's own Argon2 support: its password service writes {@code $shiro2$argon2id$...}
 * with fixed parameters (64 MiB, t=1, p=4: 200+ ms here), which no other tool reads and which is
 * too slow to tune down. Bouncy Castle is the engine Shiro's module uses underneath.
 *
 * <p>Deliberately slow (tens of ms); {@link #computations()} counts how often it ran, so tests
 * and metrics can show that authenticated calls do not pay for it every time.
 */
public final class PasswordHasher {

    /** Parameters, chosen per deployment (OWASP's first choice is m=19 MiB, t=2, p=1). */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public Parameters {
            if (memoryKiB < 8 * parallelism || memoryKiB > 1024 * 1024) {
                throw new IllegalArgumentException("argon2 memory must be between 8*parallelism KiB and 1 GiB");
            }
            if (iterations < 1 || iterations > 100) {
                throw new IllegalArgumentException("argon2 iterations must be between 1 and 100");
            }
            if (parallelism < 1 || parallelism > 64) {
                throw new IllegalArgumentException("argon2 parallelism must be between 1 and 64");
            }
        }
    }

    public static final String PREFIX = "$argon2id$";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong computations = new AtomicLong();
    /** A hash of a random password, verified against when the username is unknown so both take the same time. */
    private final String decoy;

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        this.decoy = hash(B64.encodeToString(secret).toCharArray());
        computations.set(0);
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for this password with a fresh random salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = compute(password, salt, parameters, HASH_BYTES);
        return PREFIX + "v=19$m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * Whether the password matches the stored hash, compared in constant time. A stored value that
     * is not an Argon2id PHC string never matches.
     */
    public boolean verify(String stored, char[] password) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        if (m == null || !m.matches()) {
            return false;
        }
        Parameters params;
        byte[] salt;
        byte[] expected;
        try {
            params = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            salt = B64D.decode(m.group(4));
            expected = B64D.decode(m.group(5));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] actual = compute(password, salt, params, expected.length);
        return MessageDigest.isEqual(actual, expected);
    }

    /** Spends the same time as {@link #verify} of a real account, and fails. */
    public void verifyDecoy(char[] password) {
        verify(decoy, password);
    }

    /** Whether a stored hash was made with other parameters than today's (re-hash at the next sign-in). */
    public boolean needsRehash(String stored) {
        Matcher m = stored == null ? null : PHC.matcher(stored);
        return m == null || !m.matches()
                || Integer.parseInt(m.group(1)) != parameters.memoryKiB()
                || Integer.parseInt(m.group(2)) != parameters.iterations()
                || Integer.parseInt(m.group(3)) != parameters.parallelism();
    }

    /** How many Argon2 computations (hashes and verifications, decoys included) this hasher has run. */
    public long computations() {
        return computations.get();
    }

    private byte[] compute(char[] password, byte[] salt, Parameters params, int length) {
        computations.incrementAndGet();
        Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.memoryKiB())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon);
        byte[] out = new byte[length];
        // Bouncy Castle turns the characters into UTF-8 bytes, as every other Argon2 tool does.
        generator.generateBytes(password, out);
        return out;
    }
}
