package org.membergateway.exports;

/**
 * Who can open an export: the holder of an OpenPGP key, or whoever is told a one-time
 * passphrase. Sealed so the encryptor handles every kind and a new kind cannot slip past it.
 */
public sealed interface ExportRecipient permits PublicKeyRecipient, PassphraseRecipient {
}
