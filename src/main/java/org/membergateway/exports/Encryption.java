package org.membergateway.exports;

import java.util.Optional;

/** How an export is encrypted (README, List requests and exports). */
public enum Encryption {
    /** To the requester's registered OpenPGP key, or a vendor extract to the key its agreement pinned. */
    RECIPIENT_KEY,
    /** Under a one-time passphrase shown once, in the answer that creates the export. */
    PASSPHRASE;

    public static Optional<Encryption> parse(String name) {
        for (Encryption encryption : values()) {
            if (encryption.name().equals(name)) {
                return Optional.of(encryption);
            }
        }
        return Optional.empty();
    }
}
