package org.membergateway.crypto;

import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/** Bouncy Castle's Ed25519 verifier: a different implementation from the JDK's, which signs in the gateway. */
public final class BouncyCastleEd25519 {

    private BouncyCastleEd25519() {
    }

    public static boolean verifies(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }
}
