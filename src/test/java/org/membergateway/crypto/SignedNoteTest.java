package org.membergateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * C2SP signed notes: the published Go test vector reproduced byte for byte (Ed25519 is
 * deterministic), and notes signed with the JDK's Ed25519 verified by Bouncy Castle's.
 */
class SignedNoteTest {

    // From golang.org/x/mod/sumdb/note (its package documentation and tests).
    private static final String GO_VERIFIER_KEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private static final String GO_SIGNER_KEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private static final String GO_TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    private static final String GO_NOTE = GO_TEXT + "\n\u2014 PeterNeumann "
            + "x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    private static PrivateKey jdkKeyFromSeed(byte[] seed) throws Exception {
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(seed));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    static boolean bouncyCastleVerifies(byte[] publicKey, byte[] message, byte[] signature) {
        return BouncyCastleEd25519.verifies(publicKey, message, signature);
    }

    @Test
    void reproducesTheGoSignedNoteExample() throws Exception {
        String[] signer = GO_SIGNER_KEY.split("\\+", 5);
        byte[] typedSeed = Base64.getDecoder().decode(signer[4]);
        byte[] typedPublic = Base64.getDecoder().decode(GO_VERIFIER_KEY.split("\\+", 3)[2]);
        byte[] publicKey = Arrays.copyOfRange(typedPublic, 1, 33);

        SignedNote.Signer jdk = new SignedNote.Signer("PeterNeumann", jdkKeyFromSeed(Arrays.copyOfRange(typedSeed, 1, 33)), publicKey);
        assertThat(jdk.verifierKey()).isEqualTo(GO_VERIFIER_KEY);
        assertThat(HexFormat.of().formatHex(jdk.keyHash())).isEqualTo("c74f20a3");
        assertThat(jdk.sign(GO_TEXT)).isEqualTo(GO_NOTE);
        assertThat(SignedNote.Verifier.parse(GO_VERIFIER_KEY).open(GO_NOTE)).hasValue(GO_TEXT);
    }

    @Test
    void aCheckpointSignedWithTheJdkVerifiesWithBouncyCastle() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        byte[] publicKey = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
        SignedNote.Signer signer = new SignedNote.Signer("example.org/audit", pair.getPrivate(), publicKey);
        String text = "example.org/audit\n42\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
        String note = signer.sign(text);

        // Parse the signature line by hand, as a third party would.
        String line = note.substring(note.lastIndexOf("\n\n") + 2).trim();
        assertThat(line).startsWith("\u2014 example.org/audit ");
        byte[] blob = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
        assertThat(Arrays.copyOf(blob, 4)).isEqualTo(SignedNote.keyHash("example.org/audit", publicKey));
        byte[] signature = Arrays.copyOfRange(blob, 4, blob.length);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        assertThat(bouncyCastleVerifies(publicKey, message, signature)).isTrue();
        assertThat(bouncyCastleVerifies(publicKey, "example.org/audit\n43\n".getBytes(StandardCharsets.UTF_8), signature)).isFalse();

        SignedNote.Verifier verifier = SignedNote.Verifier.parse(signer.verifierKey());
        assertThat(verifier.open(note)).hasValue(text);
        assertThat(verifier.open(note.replace("\n42\n", "\n41\n"))).isEmpty();
        assertThat(SignedNote.Verifier.parse(GO_VERIFIER_KEY).open(note)).isEmpty();
    }

    @Test
    void malformedKeysAndNamesAreRejected() {
        assertThatThrownBy(() -> SignedNote.Verifier.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.checkKeyName("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SignedNote.checkKeyName("a+b")).isInstanceOf(IllegalArgumentException.class);
    }
}
