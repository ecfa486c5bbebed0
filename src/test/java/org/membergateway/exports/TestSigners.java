package org.membergateway.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/** Loads a signer from {@code gpg --armor --export-secret-keys} of an unprotected signing key. */
final class TestSigners {

    private TestSigners() {
    }

    static ExportSigner fromArmoredSecretKey(String armored) {
        try (InputStream in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            PGPSecretKeyRing ring = (PGPSecretKeyRing) new BcPGPObjectFactory(in).nextObject();
            PGPSecretKey key = ring.getSecretKey();
            // Unprotected (gpg --passphrase ''): no decryptor needed.
            return new ExportSigner(key.extractPrivateKey(null), key.getPublicKey());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("could not load the test signing key", e);
        }
    }
}
