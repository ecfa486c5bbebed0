package org.membergateway.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.GnuPg;

/**
 * Messages from {@link OpenPgpExportEncryptor}, opened by the real GnuPG 2.2 with keys GnuPG made:
 * the recipient's home has the recipient's secret key and only the signer's public key, as a
 * recipient of a gateway export would.
 */
class OpenPgpExportEncryptorTest {

    private static GnuPg recipientHome;
    private static GnuPg signerHome;
    private static String recipientFingerprint;
    private static String signerFingerprint;
    private static PublicKeyRecipient recipient;
    private static ExportSigner signer;

    @TempDir
    Path work;

    private final OpenPgpExportEncryptor encryptor = new OpenPgpExportEncryptor();

    @BeforeAll
    static void keys() {
        recipientHome = GnuPg.inTemporaryHome();
        signerHome = GnuPg.inTemporaryHome();
        // GnuPG 2.2's "default": RSA-3072 primary (sign, certify) and RSA-3072 encryption subkey.
        recipientFingerprint = recipientHome.generateKey("Local 503 Officer <officer@example.org>",
                "default", "default", "never");
        signerFingerprint = signerHome.generateKey("Member Gateway <gateway@example.org>", "ed25519", "sign", "never");
        recipient = PublicKeyRecipient.fromArmored(recipientHome.exportPublicKey(recipientFingerprint));
        signer = TestSigners.fromArmoredSecretKey(signerHome.exportSecretKey(signerFingerprint));
        recipientHome.importKey(signerHome.exportPublicKey(signerFingerprint));
    }

    @AfterAll
    static void stopGnuPg() {
        if (recipientHome != null) {
            recipientHome.close();
        }
        if (signerHome != null) {
            signerHome.close();
        }
    }

    static byte[] csv(int rows) {
        StringBuilder csv = new StringBuilder("member_id,first_name,last_name,home_email\r\n");
        for (int i = 0; i < rows; i++) {
            csv.append("M").append(100000 + i).append(",Ngọc Anh,Nguyễn,member").append(i).append("@example.org\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] encrypt(ExportRecipient to, byte[] plaintext) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = encryptor.open(sink, to, signer)) {
            // Odd-sized writes cross the 64 KiB partial-packet boundaries at awkward places.
            for (int off = 0; off < plaintext.length; off += 10_007) {
                out.write(plaintext, off, Math.min(10_007, plaintext.length - off));
            }
        }
        return sink.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(work.resolve(name), content);
    }

    @Test
    void gnuPgDecryptsAndVerifiesAMessageToAPublicKey() throws IOException {
        byte[] plaintext = csv(30_000);
        Path message = file("export.pgp", encrypt(recipient, plaintext));
        Path decrypted = work.resolve("export.csv");

        GnuPg.Result result = recipientHome.run(null, "--output", decrypted.toString(), "--decrypt", message.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(decrypted)).isEqualTo(plaintext);
        assertThat(result.statusHas("DECRYPTION_OKAY")).as(result.stderr()).isTrue();
        assertThat(result.statusHas("GOODMDC")).as(result.stderr()).isTrue();
        assertThat(result.statusHas("GOODSIG")).as(result.stderr()).isTrue();
        assertThat(result.stderr()).contains("[GNUPG:] VALIDSIG " + signerFingerprint);
        // Binary literal data ('b' = 62) named export.csv.
        assertThat(result.stderr()).contains("[GNUPG:] PLAINTEXT 62 ").contains("export.csv");
        assertThat(result.stderr()).doesNotContain("not integrity protected").doesNotContain("BADSIG");
    }

    @Test
    void thePacketsAreTheOnesGnuPg22Reads() throws IOException {
        Path message = file("export.pgp", encrypt(recipient, csv(100)));

        GnuPg.Result packets = recipientHome.run(null, "--list-packets", message.toString());

        assertThat(packets.exitCode()).as(packets.stderr()).isZero();
        assertThat(packets.stdout())
                // v3 PKESK to the encryption subkey, not the primary key
                .contains(":pubkey enc packet: version 3, algo 1, keyid "
                        + String.format("%016X", recipient.encryptionKey().getKeyID()))
                .contains(":encrypted data packet:").contains("mdc_method: 2")
                .contains(":onepass_sig packet:").contains("digest algo 8")
                .contains(":literal data packet:").contains("mode b").contains("name=\"export.csv\"")
                .contains(":compressed packet: algo=2")
                .doesNotContain(":aead encrypted packet:");
        // MDC (2), AES-256 (9), no AEAD (0).
        assertThat(packets.stderr()).contains("[GNUPG:] DECRYPTION_INFO 2 9 0");
    }

    @Test
    void gnuPgDecryptsAMessageToAPassphraseAndRefusesAWrongOne() throws IOException {
        char[] passphrase = new OneTimePassphrases().next();
        byte[] plaintext = csv(5_000);
        Path message = file("export.pgp", encrypt(new PassphraseRecipient(passphrase), plaintext));
        Path decrypted = work.resolve("export.csv");
        byte[] typed = (new String(passphrase) + "\n").getBytes(StandardCharsets.US_ASCII);

        GnuPg.Result result = recipientHome.run(typed, "--pinentry-mode", "loopback", "--no-symkey-cache",
                "--passphrase-fd", "0", "--output", decrypted.toString(), "--decrypt", message.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(decrypted)).isEqualTo(plaintext);
        assertThat(result.statusHas("GOODMDC")).isTrue();
        assertThat(result.statusHas("GOODSIG")).isTrue();
        assertThat(result.stderr()).contains("[GNUPG:] DECRYPTION_INFO 2 9 0").doesNotContain("not integrity protected");

        GnuPg.Result packets = recipientHome.run(typed, "--pinentry-mode", "loopback", "--no-symkey-cache",
                "--passphrase-fd", "0", "--list-packets", message.toString());
        // v4 SKESK, AES-256 (cipher 9), iterated+salted S2K (mode 3) with SHA-256 (hash 8), count 65011712.
        assertThat(packets.stdout()).containsPattern(":symkey enc packet: version 4, cipher 9, aead 0, ?s2k 3, hash 8")
                .contains("count 65011712");

        Files.delete(decrypted);
        GnuPg.Result wrong = recipientHome.run("0000-0000-0000-0000-0000-0000-0000\n".getBytes(StandardCharsets.US_ASCII),
                "--pinentry-mode", "loopback", "--no-symkey-cache", "--passphrase-fd", "0",
                "--output", decrypted.toString(), "--decrypt", message.toString());
        assertThat(wrong.exitCode()).isNotZero();
        assertThat(wrong.statusHas("DECRYPTION_OKAY")).isFalse();
        assertThat(decrypted).doesNotExist();
    }

    @Test
    void aFlippedByteMakesGnuPgFail() throws IOException {
        byte[] message = encrypt(recipient, csv(20_000));
        message[message.length / 2] ^= 0x01;
        Path tampered = file("tampered.pgp", message);

        GnuPg.Result result = recipientHome.run(null, "--output", work.resolve("out.csv").toString(),
                "--decrypt", tampered.toString());

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.statusHas("DECRYPTION_OKAY")).isFalse();
        assertThat(result.statusHas("GOODSIG")).isFalse();
    }

    @Test
    void anEmptyExportIsAValidMessage() throws IOException {
        Path message = file("empty.pgp", encrypt(recipient, new byte[0]));
        Path decrypted = work.resolve("empty.csv");

        GnuPg.Result result = recipientHome.run(null, "--output", decrypted.toString(), "--decrypt", message.toString());

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(Files.readAllBytes(decrypted)).isEmpty();
        assertThat(result.statusHas("GOODSIG")).isTrue();
    }

    @Test
    void aFailedWriteLeavesNoSignatureBehind() throws IOException {
        OutputStream failing = new OutputStream() {
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                written += len;
                if (written > 2_000) {
                    throw new IOException("disk full");
                }
            }
        };
        OutputStream out = encryptor.open(failing, recipient, signer);
        byte[] plaintext = csv(20_000);
        assertThatThrownBy(() -> out.write(plaintext)).hasMessage("disk full");
        out.close();
        assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    }

    @Test
    void aSigningOnlyKeyIsRefusedAsARecipient() {
        assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(signerHome.exportPublicKey(signerFingerprint)))
                .isInstanceOf(ExportKeyException.class)
                .hasMessageContaining(signerFingerprint)
                .hasMessageContaining("no encryption-capable key");
    }

    @Test
    void anExpiredKeyIsRefused() {
        try (GnuPg past = GnuPg.inTemporaryHome()) {
            String fingerprint = past.generateKey("Expired <expired@example.org>", "future-default", "default", "1d",
                    "--faked-system-time", "20200101T000000!");
            String armored = past.exportPublicKey(fingerprint);

            assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(armored))
                    .isInstanceOf(ExportKeyException.class)
                    .hasMessageContaining("expired on 2020-01-02");
            // On the day it was valid it would do.
            assertThat(PublicKeyRecipient.fromArmored(armored, Instant.parse("2020-01-01T12:00:00Z")).fingerprint())
                    .isEqualTo(fingerprint);
        }
    }

    @Test
    void aRevokedKeyIsRefused() throws IOException {
        try (GnuPg home = GnuPg.inTemporaryHome()) {
            String fingerprint = home.generateKey("Revoked <revoked@example.org>", "future-default", "default", "never");
            // gpg stores a revocation certificate at generation, armor prefixed with ':' against accidents.
            String certificate = Files.readString(home.home().resolve("openpgp-revocs.d/" + fingerprint + ".rev"))
                    .replace(":-----BEGIN", "-----BEGIN");
            home.importKey(certificate);

            assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(home.exportPublicKey(fingerprint)))
                    .isInstanceOf(ExportKeyException.class)
                    .hasMessageContaining("revoked");
        }
    }

    @Test
    void weakKeysAreRefusedAsRecipientsEvenIfStoredBeforeTheCheck() {
        for (String[] weak : new String[][] {{"rsa2048-public-key.asc", "RSA-2048"}, {"dsa-elgamal-public-key.asc", "DSA"},
                {"sha1-self-signed-public-key.asc", "SHA-1"}}) {
            String armored = org.membergateway.testing.KeyFixtures.resource(weak[0]);
            assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(armored))
                    .as(weak[0]).isInstanceOf(ExportKeyException.class).hasMessageContaining(weak[1]);
        }
    }

    @Test
    void garbageIsRefusedClearly() {
        assertThatThrownBy(() -> PublicKeyRecipient.fromArmored("hello"))
                .isInstanceOf(ExportKeyException.class)
                .hasMessageContaining("not an ASCII-armored OpenPGP public key");
        assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(
                "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5IGF0IGFsbA==\n-----END PGP PUBLIC KEY BLOCK-----\n"))
                .isInstanceOf(ExportKeyException.class)
                .hasMessageContaining("not");
        assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(signerHome.exportSecretKey(signerFingerprint)))
                .isInstanceOf(ExportKeyException.class);
        assertThatThrownBy(() -> PublicKeyRecipient.fromArmored(null)).isInstanceOf(ExportKeyException.class);
    }

    @Test
    void secretsDoNotPrint() {
        assertThat(new PassphraseRecipient("XXXX-YYYY".toCharArray()).toString()).doesNotContain("XXXX");
        assertThat(signer.toString()).doesNotContain("PrivateKey");
        assertThat(recipient.toString()).contains(recipientFingerprint);
    }
}
