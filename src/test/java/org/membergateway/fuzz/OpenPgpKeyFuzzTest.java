package org.membergateway.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.OpenPgpPublicKey;

/**
 * Fuzz target (c): the OpenPGP public key upload ({@code PUT /people/{username}/openpgp-key}, and
 * the vendor's pinned key in {@code POST /vendors}), through {@link OpenPgpPublicKey#parse}, which
 * both use. The first byte says what the rest is: even, the uploaded text itself (armor, headers,
 * checksum and all); odd, the binary packets, which the harness armors with a correct checksum so
 * that mutations reach Bouncy Castle's packet parser and the key-strength checks instead of
 * stopping at the CRC.
 *
 * <p>Property: a key is accepted or refused with a {@link DirectoryException} of status 400 naming
 * the field {@code openpgpKey}; no other exception (Bouncy Castle's runtime exceptions would be a 500).
 */
class OpenPgpKeyFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void publicKeyUpload(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] rest = Arrays.copyOfRange(data, 1, data.length);
        String upload = (data[0] & 1) == 0 ? new String(rest, StandardCharsets.UTF_8) : armored(rest);
        try {
            OpenPgpPublicKey key = OpenPgpPublicKey.parse(upload);
            if (key.fingerprint() == null || key.fingerprint().length() != 40) {
                throw new AssertionError("an accepted key without a v4 fingerprint");
            }
        } catch (DirectoryException e) {
            if (e.status() != 400 || !"openpgpKey".equals(e.field()) || e.getMessage() == null) {
                throw new AssertionError("a refusal that is not a 400 naming openpgpKey", e);
            }
        }
    }

    static String armored(byte[] packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armor = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            armor.write(packets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.US_ASCII).replace("PGP MESSAGE", "PGP PUBLIC KEY BLOCK");
    }
}
