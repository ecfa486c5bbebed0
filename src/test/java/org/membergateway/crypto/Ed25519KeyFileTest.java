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

    @TempDir
    Path dir;

    @Test
    void generatesAnOwnerOnlyKeyOnceAndLoadsTheSameKeyAfter() throws Exception {
        Path file = dir.resolve("keys").resolve("signing.pk8");
        Ed25519KeyFile.Ed25519Key created = Ed25519KeyFile.loadOrCreate(file);
        assertThat(created.created()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }

        Ed25519KeyFile.Ed25519Key loaded = Ed25519KeyFile.loadOrCreate(file);
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
    void refusesAKeyOthersCanRead() throws Exception {
        Path file = dir.resolve("signing.pk8");
        Ed25519KeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Ed25519KeyFile.loadOrCreate(file))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("chmod 600");
    }
}
