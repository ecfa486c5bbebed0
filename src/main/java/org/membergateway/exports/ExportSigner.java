package org.membergateway.exports;

import java.util.Arrays;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;

/**
 * The gateway key that signs every export, so a recipient can tell the file came from the gateway
 * unaltered. Both halves are needed: the public key goes into the one-pass signature header and
 * the signature's issuer fields.
 */
public record ExportSigner(PGPPrivateKey privateKey, PGPPublicKey publicKey) {

    public ExportSigner {
        if (privateKey == null || publicKey == null) {
            throw new ExportKeyException("the signer needs both its private and its public key");
        }
        if (privateKey.getKeyID() != publicKey.getKeyID()
                || !Arrays.equals(privateKey.getPublicKeyPacket().getKey().getEncoded(),
                        publicKey.getPublicKeyPacket().getKey().getEncoded())) {
            throw new ExportKeyException("the signer's private and public keys are not one key pair");
        }
    }

    @Override
    public String toString() {
        return "ExportSigner[" + String.format(java.util.Locale.ROOT, "%016X", publicKey.getKeyID()) + "]";
    }
}
