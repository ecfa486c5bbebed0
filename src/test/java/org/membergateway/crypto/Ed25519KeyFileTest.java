package org.membergateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ed25519KeyFileTest {

    private static final char[] PASSPHRASE = "key-file-test-passphrase".toCharArray();

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyKeyOnceAndLoadsTheSameKeyAfter() throws Exception {
        Path file = dir.resolve("keys").resolve("signing.pk8");
        Ed25519KeyFile.Ed25519Key created = Ed25519KeyFile.loadOrCreate(file, PASSPHRASE);
        assertThat(created.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }

        Ed25519KeyFile.Ed25519Key loaded = Ed25519KeyFile.loadOrCreate(file, PASSPHRASE);
        assertThat(loaded.created()).isFalse();
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        assertThat(loaded.toString()).doesNotContain(java.util.HexFormat.of().formatHex(loaded.publicKey()));

        // The derived public key belongs to the private key: Bouncy Castle verifies a JDK signature with it.
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(loaded.privateKey());
        jdk.update(new byte[] {1, 2, 3});
        assertThat(SignedNoteTest.bouncyCastleVerifies(loaded.publicKey(), new byte[] {1, 2, 3}, jdk.sign())).isTrue();
    }

    @Test
    void theFileIsEncryptedPkcs8AndOnlyThePassphraseUnlocksIt() throws Exception {
        Path file = dir.resolve("signing.enc.pk8");
        Ed25519KeyFile.Ed25519Key created = Ed25519KeyFile.loadOrCreate(file, PASSPHRASE);
        byte[] stored = Files.readAllBytes(file);
        assertThatThrownBy(() -> java.security.KeyFactory.getInstance("Ed25519")
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(stored)))
                .as("not a plain PKCS#8 key").isInstanceOf(java.security.spec.InvalidKeySpecException.class);
        assertThat(new javax.crypto.EncryptedPrivateKeyInfo(stored).getAlgParameters().toString())
                .isEqualTo("PBEWithHmacSHA256AndAES_256");
        assertThat(Ed25519KeyFile.load(file, "key-file-test-passphrase".toCharArray()).publicKey())
                .isEqualTo(created.publicKey());
        assertThatThrownBy(() -> Ed25519KeyFile.load(file, "another-passphrase".toCharArray()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not unlock");
    }

    @Test
    void anUnencryptedKeyIsEncryptedInPlaceAndStaysTheSameKey() throws Exception {
        Path plain = dir.resolve("old.pk8");
        java.security.KeyPair pair = java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.write(plain, pair.getPrivate().getEncoded());
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-------"));
        Path encrypted = dir.resolve("new.enc.pk8");
        Ed25519KeyFile.encryptPlain(plain, encrypted, PASSPHRASE);
        assertThat(plain).doesNotExist();
        Ed25519KeyFile.Ed25519Key key = Ed25519KeyFile.load(encrypted, PASSPHRASE);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(key.privateKey());
        jdk.update(new byte[] {4, 5});
        Signature check = Signature.getInstance("Ed25519");
        check.initVerify(pair.getPublic());
        check.update(new byte[] {4, 5});
        assertThat(check.verify(jdk.sign())).isTrue();
    }

    @Test
    void refusesAKeyOthersCanRead() throws Exception {
        Path file = dir.resolve("signing.pk8");
        Ed25519KeyFile.loadOrCreate(file, PASSPHRASE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Ed25519KeyFile.loadOrCreate(file, PASSPHRASE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600");
    }
}
