package org.membergateway.crypto;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;

/**
 * The least a recipient's OpenPGP key must be for member data to be encrypted to it (README, HTTP
 * API): every key in the certificate RSA of at least {@value #MIN_RSA_BITS} bits or elliptic-curve
 * (Ed25519/Curve25519, NIST or Brainpool curves), never DSA or ElGamal; and the self-signatures in
 * force (the newest one per user id, the newest binding per subkey, a direct-key signature) made
 * with a digest stronger than SHA-1, since a SHA-1 self-signature can be forged by collision.
 * Signatures by other people (web of trust) are not ours to judge and are ignored.
 *
 * <p>Checked where a key is entered (a person's key, a vendor agreement's key) and again where an
 * export is encrypted, so a key stored before this check existed is refused too.
 */
public final class OpenPgpKeyStrength {

    public static final int MIN_RSA_BITS = 3072;

    private OpenPgpKeyStrength() {
    }

    /** What is too weak about the key, said so that its owner knows what to change; empty if nothing. */
    public static Optional<String> problem(PGPPublicKeyRing ring) {
        PGPPublicKey primary = ring.getPublicKey();
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            Optional<String> weak = algorithmProblem(key);
            if (weak.isPresent()) {
                return Optional.of((key.isMasterKey() ? "the primary key" : "subkey " + keyId(key)) + " is " + weak.get()
                        + "; make a new key with gpg --quick-gen-key NAME future-default (Ed25519 with Curve25519)"
                        + " or rsa3072 and up");
            }
        }
        List<PGPSignature> inForce = new ArrayList<>();
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
            newestBy(primary, primary.getSignaturesForID(ids.next()), true).ifPresent(inForce::add);
        }
        newestBy(primary, primary.getSignaturesOfType(PGPSignature.DIRECT_KEY), false).ifPresent(inForce::add);
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey key = keys.next();
            if (!key.isMasterKey()) {
                newestBy(primary, key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), false).ifPresent(inForce::add);
            }
        }
        for (PGPSignature signature : inForce) {
            Optional<String> digest = weakDigest(signature.getHashAlgorithm());
            if (digest.isPresent()) {
                return Optional.of("its self-signatures use " + digest.get() + ", which can be forged; make a new key with"
                        + " gpg 2.2 or later (gpg --quick-gen-key NAME future-default signs with SHA-512)");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> algorithmProblem(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.RSA_SIGN ->
                    key.getBitStrength() < MIN_RSA_BITS
                            ? Optional.of("RSA-" + key.getBitStrength() + ", shorter than the " + MIN_RSA_BITS + " bits required")
                            : Optional.empty();
            case PublicKeyAlgorithmTags.DSA -> Optional.of("DSA, which is no longer accepted");
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT, PublicKeyAlgorithmTags.ELGAMAL_GENERAL ->
                    Optional.of("ElGamal, which is no longer accepted");
            case PublicKeyAlgorithmTags.ECDH, PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                 PublicKeyAlgorithmTags.X25519, PublicKeyAlgorithmTags.X448, PublicKeyAlgorithmTags.Ed25519,
                 PublicKeyAlgorithmTags.Ed448 -> Optional.empty();
            default -> Optional.of("of public-key algorithm " + key.getAlgorithm() + ", which is not accepted");
        };
    }

    private static Optional<String> weakDigest(int hashAlgorithm) {
        return switch (hashAlgorithm) {
            case HashAlgorithmTags.SHA1 -> Optional.of("SHA-1");
            case HashAlgorithmTags.MD5 -> Optional.of("MD5");
            case HashAlgorithmTags.MD2 -> Optional.of("MD2");
            case HashAlgorithmTags.RIPEMD160 -> Optional.of("RIPEMD-160");
            case HashAlgorithmTags.TIGER_192 -> Optional.of("Tiger-192");
            case HashAlgorithmTags.HAVAL_5_160 -> Optional.of("HAVAL");
            default -> Optional.empty();
        };
    }

    /**
     * The newest signature made by the primary key among {@code signatures}: the one in force (an
     * older self-signature is superseded by a newer one). Revocations are left out; {@code
     * certificationsOnly} keeps only user-id certifications.
     */
    private static Optional<PGPSignature> newestBy(PGPPublicKey primary, Iterator<PGPSignature> signatures,
                                                   boolean certificationsOnly) {
        PGPSignature newest = null;
        while (signatures != null && signatures.hasNext()) {
            PGPSignature signature = signatures.next();
            if (signature.getKeyID() != primary.getKeyID()) {
                continue;
            }
            if (certificationsOnly && !signature.isCertification()) {
                continue;
            }
            if (newest == null || signature.getCreationTime().after(newest.getCreationTime())) {
                newest = signature;
            }
        }
        return Optional.ofNullable(newest);
    }

    private static String keyId(PGPPublicKey key) {
        return String.format(Locale.ROOT, "%016X", key.getKeyID());
    }
}
