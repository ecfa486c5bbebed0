package org.membergateway.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyTest {

    static String randomBase64(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    static final byte[] SECRET = "the checkpoint key's PKCS#8".getBytes(StandardCharsets.US_ASCII);

    @Test
    void sealedBytesOpenWithTheSameKeyNameAndVersionAndHoldNoPlaintext() {
        MasterKey master = MasterKey.ofBase64(randomBase64(32));
        byte[] sealed = master.seal("audit-checkpoint", 1, SECRET);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("checkpoint key");
        assertThat(master.unseal("audit-checkpoint", 1, sealed)).isEqualTo(SECRET);
    }

    @Test
    void theSameMasterKeyTextOpensWhatAnotherInstanceSealed() {
        String text = randomBase64(32);
        byte[] sealed = MasterKey.ofBase64(text).seal("api-key-secret", 1, SECRET);
        assertThat(MasterKey.ofBase64(text).unseal("api-key-secret", 1, sealed)).isEqualTo(SECRET);
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        MasterKey master = MasterKey.ofBase64(randomBase64(32));
        assertThat(master.seal("k", 1, SECRET)).isNotEqualTo(master.seal("k", 1, SECRET));
    }

    @Test
    void aWrongMasterKeyFailsWithAClearMessage() {
        byte[] sealed = MasterKey.ofBase64(randomBase64(32)).seal("audit-checkpoint", 1, SECRET);
        MasterKey other = MasterKey.ofBase64(randomBase64(32));

        assertThatThrownBy(() -> other.unseal("audit-checkpoint", 1, sealed))
                .isInstanceOf(WrongMasterKeyException.class)
                .hasMessageContaining("GATEWAY_MASTER_KEY does not open the key 'audit-checkpoint' v1")
                .hasNoCause();
    }

    @Test
    void tamperedBytesFail() {
        MasterKey master = MasterKey.ofBase64(randomBase64(32));
        byte[] sealed = master.seal("audit-checkpoint", 1, SECRET);
        for (int i : new int[] {0, 12, sealed.length / 2, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThatThrownBy(() -> master.unseal("audit-checkpoint", 1, tampered)).as("byte %d flipped", i)
                    .isInstanceOf(WrongMasterKeyException.class);
        }
    }

    @Test
    void theNameAndVersionAreBoundToTheSealedBytes() {
        MasterKey master = MasterKey.ofBase64(randomBase64(32));
        byte[] sealed = master.seal("audit-checkpoint", 1, SECRET);

        assertThatThrownBy(() -> master.unseal("audit-checkpoint", 2, sealed)).isInstanceOf(WrongMasterKeyException.class);
        assertThatThrownBy(() -> master.unseal("api-key-secret", 1, sealed)).isInstanceOf(WrongMasterKeyException.class);
        assertThatThrownBy(() -> master.unseal("audit-checkpoint1", 1, sealed)).isInstanceOf(WrongMasterKeyException.class);
    }

    @Test
    void aShortOrMalformedMasterKeyIsRefusedWithoutEchoingIt() {
        String shortKey = randomBase64(31);
        assertThatThrownBy(() -> MasterKey.ofBase64(shortKey)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("at least 32").hasMessageNotContaining(shortKey);
        assertThatThrownBy(() -> MasterKey.ofBase64("not base64 at all!")).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("not base64").hasMessageNotContaining("at all");
    }

    @Test
    void theKeyComesFromTheEnvironmentValueOrAFileButNotBoth(@TempDir Path dir) throws Exception {
        String text = randomBase64(48);
        Path file = dir.resolve("master-key");
        Files.writeString(file, text + "\n");
        KeystoreConfiguration fromFile = new KeystoreConfiguration();
        fromFile.setMasterKeyFile(file.toString());
        byte[] sealed = MasterKey.configured(fromFile).orElseThrow().seal("k", 1, SECRET);
        KeystoreConfiguration fromValue = new KeystoreConfiguration();
        fromValue.setMasterKey(text);
        assertThat(MasterKey.configured(fromValue).orElseThrow().unseal("k", 1, sealed)).isEqualTo(SECRET);

        assertThat(MasterKey.configured(new KeystoreConfiguration())).isEmpty();
        KeystoreConfiguration both = new KeystoreConfiguration();
        both.setMasterKey(text);
        both.setMasterKeyFile(file.toString());
        assertThatThrownBy(() -> MasterKey.configured(both)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("not both");
        KeystoreConfiguration missing = new KeystoreConfiguration();
        missing.setMasterKeyFile(dir.resolve("absent").toString());
        assertThatThrownBy(() -> MasterKey.configured(missing)).isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("GATEWAY_MASTER_KEY_FILE");
        assertThat(MasterKey.configured(fromValue).orElseThrow().toString()).isEqualTo("MasterKey[REDACTED]");
    }
}
