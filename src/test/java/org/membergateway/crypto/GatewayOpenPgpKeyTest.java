package org.membergateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.bouncycastle.openpgp.PGPSignature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.testing.GnuPg;

/** The gateway's OpenPGP key: kept across restarts, locked by its passphrase, verified by real GnuPG, rotated. */
class GatewayOpenPgpKeyTest {

    static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dataDir;

    GnuPg gpg;

    /** One GnuPG home per test, whose agent is stopped afterwards. */
    GnuPg gnupg() {
        gpg = GnuPg.inTemporaryHome();
        return gpg;
    }

    @org.junit.jupiter.api.AfterEach
    void stopGnuPg() {
        if (gpg != null) {
            gpg.close();
        }
    }

    Path keyDir() {
        return dataDir.resolve(GatewayOpenPgpKey.DIRECTORY);
    }

    @Test
    void aRestartLoadsTheSameKeyAndItsFilesAreTheOwnersAlone() throws Exception {
        GatewayOpenPgpKey first = GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        GatewayOpenPgpKey second = GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.fingerprint()).isEqualTo(first.fingerprint()).matches("[0-9A-F]{40}");
        assertThat(second.armoredPublicKey()).isEqualTo(first.armoredPublicKey());
        Path secret = keyDir().resolve(GatewayOpenPgpKey.SECRET_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDir()))).isEqualTo("rwx------");
        String file = Files.readString(secret);
        assertThat(file).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        // The private key is encrypted at rest: GnuPG cannot sign with it without the passphrase.
        try (GnuPg gpg = GnuPg.inTemporaryHome()) {
            assertThat(gpg.importKeys(file).exitCode()).isZero();
            GnuPg.Result signing = gpg.run("data".getBytes(StandardCharsets.US_ASCII), "--pinentry-mode", "loopback",
                    "--passphrase", "wrong passphrase", "--detach-sign", "-o", gpg.home().resolve("x.sig").toString());
            assertThat(signing.exitCode()).as(signing.stderr()).isNotZero();
        }
    }

    @Test
    void aWrongPassphraseStopsTheStartWithAClearMessage() {
        GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        assertThatThrownBy(() -> GatewayOpenPgpKey.loadOrCreate(keyDir(), "not the passphrase".toCharArray(), "x"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("could not be unlocked: wrong passphrase")
                .hasMessageContaining("GATEWAY_OPENPGP_PASSPHRASE");
    }

    @Test
    void anExternalDatabaseNeedsAConfiguredPassphraseTheDemoGetsAGeneratedOne() throws Exception {
        OpenPgpConfiguration configuration = new OpenPgpConfiguration();
        assertThatThrownBy(() -> GatewayOpenPgpKey.open(configuration, dataDir, false))
                .hasMessageContaining("Set GATEWAY_OPENPGP_PASSPHRASE");
        GatewayOpenPgpKey demo = GatewayOpenPgpKey.open(configuration, dataDir, true);
        Path passphrase = keyDir().resolve(GatewayOpenPgpKey.PASSPHRASE_FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passphrase))).isEqualTo("rw-------");
        assertThat(GatewayOpenPgpKey.open(configuration, dataDir, true).fingerprint()).isEqualTo(demo.fingerprint());

        configuration.setKeyPassphrase("short");
        assertThatThrownBy(() -> GatewayOpenPgpKey.open(configuration, dataDir, true))
                .hasMessageContaining("shorter than 12");
        configuration.setKeyPassphrase("a configured but different passphrase");
        assertThatThrownBy(() -> GatewayOpenPgpKey.open(configuration, dataDir, false))
                .hasMessageContaining("wrong passphrase").hasMessageContaining(passphrase.toString());
    }

    @Test
    void gnupgVerifiesItsSignaturesAndRejectsAChangedByte() {
        GatewayOpenPgpKey key = GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        byte[] data = "receipt: ünïcode\n".getBytes(StandardCharsets.UTF_8);
        String signature = key.detachedSignature(data);
        assertThat(signature).startsWith("-----BEGIN PGP SIGNATURE-----");
        assertThat(key.verify(data, signature)).isTrue();

        GnuPg gpg = gnupg();
        GnuPg.Result imported = gpg.importKeys(key.armoredPublicKeys());
        assertThat(imported.exitCode()).as(imported.stderr()).isZero();
        GnuPg.Result good = gpg.verify(signature, data);
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.has("VALIDSIG " + key.fingerprint())).as(good.status()).isTrue();
        assertThat(good.has("GOODSIG")).isTrue();

        byte[] changed = data.clone();
        changed[0] ^= 1;
        assertThat(key.verify(changed, signature)).isFalse();
        GnuPg.Result bad = gpg.verify(signature, changed);
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.has("BADSIG")).isTrue();
    }

    @Test
    void theSigningMaterialSignsAsTheGateway() throws Exception {
        GatewayOpenPgpKey key = GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        GatewayOpenPgpKey.SigningMaterial material = key.signingMaterial();
        assertThat(GatewayOpenPgpKey.fingerprintOf(material.publicKey())).isEqualTo(key.fingerprint());
        assertThat(material.toString()).contains("REDACTED").contains(key.fingerprint());
        var generator = key.newSignatureGenerator(PGPSignature.BINARY_DOCUMENT);
        generator.update(new byte[] {1, 2, 3});
        PGPSignature signature = generator.generate();
        signature.init(new org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider(),
                material.publicKey());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify()).isTrue();
    }

    @Test
    void rotationRetiresTheOldKeyWhoseSignaturesStayVerifiable() {
        GatewayOpenPgpKey old = GatewayOpenPgpKey.loadOrCreate(keyDir(), PASSPHRASE, "test gateway");
        byte[] data = "signed before rotation\n".getBytes(StandardCharsets.US_ASCII);
        String oldSignature = old.detachedSignature(data);

        char[] newPassphrase = "a new passphrase for the new key".toCharArray();
        GatewayOpenPgpKey rotated = GatewayOpenPgpKey.rotate(keyDir(), newPassphrase, "test gateway");
        assertThat(rotated.fingerprint()).isNotEqualTo(old.fingerprint());
        assertThat(rotated.retiredFingerprints()).containsExactly(old.fingerprint());
        assertThat(rotated.verify(data, oldSignature)).isTrue();
        GatewayOpenPgpKey restarted = GatewayOpenPgpKey.loadOrCreate(keyDir(), newPassphrase, "test gateway");
        assertThat(restarted.fingerprint()).isEqualTo(rotated.fingerprint());
        assertThat(restarted.retiredFingerprints()).containsExactly(old.fingerprint());

        GnuPg gpg = gnupg();
        assertThat(gpg.importKeys(restarted.armoredPublicKeys()).exitCode()).isZero();
        GnuPg.Result before = gpg.verify(oldSignature, data);
        assertThat(before.has("VALIDSIG " + old.fingerprint())).as(before.stderr()).isTrue();
        GnuPg.Result after = gpg.verify(restarted.detachedSignature(data), data);
        assertThat(after.has("VALIDSIG " + restarted.fingerprint())).as(after.stderr()).isTrue();
    }
}
