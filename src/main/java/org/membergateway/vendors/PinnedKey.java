package org.membergateway.vendors;

import java.time.Instant;
import org.membergateway.exports.ExportKeyException;
import org.membergateway.exports.PublicKeyRecipient;

/**
 * The OpenPGP public key an agreement pinned: extracts made under the agreement are encrypted to
 * this key and no other. Changing the key takes a new agreement (docs/vendors.md).
 *
 * @param agreementId the agreement that pinned it
 * @param armored the ASCII-armored public key as the vendor gave it
 * @param fingerprint the primary key's fingerprint as GnuPG prints it (upper-case hex, no spaces)
 */
public record PinnedKey(long agreementId, String armored, String fingerprint) {

    /**
     * The recipient to encrypt to at {@code at}: the key is read again (it may have expired or been
     * revoked since it was pinned) and must still be the pinned one.
     *
     * @throws ExportKeyException if the key can no longer receive an export, or is not the pinned key
     */
    public PublicKeyRecipient recipient(Instant at) {
        PublicKeyRecipient recipient = PublicKeyRecipient.fromArmored(armored, at);
        if (!recipient.fingerprint().equals(fingerprint)) {
            throw new ExportKeyException("the stored key " + recipient.fingerprint() + " is not the key agreement "
                    + agreementId + " pinned (" + fingerprint + ")");
        }
        return recipient;
    }

    /** Without the key block: log lines stay short. */
    @Override
    public String toString() {
        return "PinnedKey[agreement " + agreementId + ", " + fingerprint + "]";
    }
}
