package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Fixtures exported by GnuPG 2.2 (gpg --armor --export); the fingerprint file is what gpg printed.
 * The weak keys were made once with the commands noted at each use (see testing/KeyFixtures).
 */
class OpenPgpPublicKeyTest {

    static String resource(String name) {
        try (InputStream in = OpenPgpPublicKeyTest.class.getResourceAsStream("/directory/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aGnuPgExportParsesWithTheFingerprintGnuPgShows() {
        OpenPgpPublicKey key = OpenPgpPublicKey.parse(resource("officer-public-key.asc"));
        assertThat(key.fingerprint()).isEqualTo(resource("officer-public-key.fingerprint").strip());
        assertThat(key.armored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----\n").endsWith("-----\n");
    }

    @Test
    void crlfLineEndingsAreFine() {
        String crlf = resource("officer-public-key.asc").replace("\n", "\r\n");
        assertThat(OpenPgpPublicKey.parse(crlf).fingerprint())
                .isEqualTo(resource("officer-public-key.fingerprint").strip());
    }

    @Test
    void aKeyThatCannotEncryptIsRefused() {
        assertRefused(resource("sign-only-public-key.asc"), "encryption-capable");
    }

    @Test
    void weakKeysAreRefusedNamingWhatIsWeak() {
        // gpg --quick-gen-key ... rsa2048 cert,sign, then --quick-add-key ... rsa2048 encr
        assertRefused(resource("rsa2048-public-key.asc"), "RSA-2048");
        // gpg --quick-gen-key ... dsa2048 sign, then --quick-add-key ... elg2048 encr
        assertRefused(resource("dsa-elgamal-public-key.asc"), "DSA");
        // rsa3072, but generated with --cert-digest-algo SHA1
        assertRefused(resource("sha1-self-signed-public-key.asc"), "SHA-1");
    }

    @Test
    void privateKeysAreRefusedWithoutBeingParsed() {
        assertRefused("-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlFgEawPE1hYJ\n-----END PGP PRIVATE KEY BLOCK-----\n",
                "private");
    }

    @Test
    void damageIsFound() {
        String good = resource("officer-public-key.asc");
        String[] lines = good.split("\n");
        // Flip one character of the first data line: the CRC-24 no longer matches.
        int data = 0;
        while (!lines[data].isEmpty()) {
            data++;
        }
        data++;
        char c = lines[data].charAt(10);
        lines[data] = lines[data].substring(0, 10) + (c == 'A' ? 'B' : 'A') + lines[data].substring(11);
        assertRefused(String.join("\n", lines), "checksum");

        assertRefused("hello", "must start with");
        assertRefused("", "ASCII-armored");
        assertRefused(good.replace("-----END PGP PUBLIC KEY BLOCK-----", ""), "must end with");
        assertRefused("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n!!!!\n-----END PGP PUBLIC KEY BLOCK-----\n", "base64");
        // A valid armor around a truncated packet.
        assertRefused("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmDMEawPE1hYJKwYB\n-----END PGP PUBLIC KEY BLOCK-----\n",
                "truncated");
        assertRefused(good + "trailing text\n", "after");
        assertRefused("x".repeat(OpenPgpPublicKey.MAX_ARMORED_LENGTH + 1), "longer");
    }

    private static void assertRefused(String text, String why) {
        assertThatThrownBy(() -> OpenPgpPublicKey.parse(text))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).isEqualTo("openpgpKey");
                })
                .hasMessageContaining(why);
    }
}
