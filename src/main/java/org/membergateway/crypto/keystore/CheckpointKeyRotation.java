package org.membergateway.crypto.keystore;

import java.util.Arrays;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditTrail;
import org.membergateway.crypto.Ed25519KeyFile;
import org.membergateway.crypto.SignedNote;

/**
 * Rotates the audit checkpoint signing key kept in the database: a new Ed25519 key becomes the
 * one that signs, and the old ones stay (retired) so every checkpoint they signed keeps verifying,
 * in {@code audit-verify} and in every instance's verification once restarted.
 */
public final class CheckpointKeyRotation {

    /** Who the audit trail names: an operator at the command line. */
    public static final String ACTOR = "cli";

    private CheckpointKeyRotation() {
    }

    /** What changed: the note verifier keys (public) of the new and the previous signing key. */
    public record Rotated(int version, String verifierKey, String previousVerifierKey) {
    }

    /**
     * Adds the new version; the {@code KEY_ROTATION} entry (decision ROTATED, target
     * {@code checkpoint-key:v<n>:<new verifier key>;previous:<old verifier key>}) is recorded before
     * the new version commits, so a rotation the trail cannot record does not happen.
     */
    public static Rotated rotate(SealedKeys keys, AuditTrail audit, String origin) {
        byte[] next = Ed25519KeyFile.generatePkcs8();
        try {
            String[] previous = new String[1];
            SealedKeys.Key rotated = keys.rotate(AuditService.SEALED_KEY_NAME, AuditService.SEALED_KEY_ALGORITHM, next, key -> {
                SealedKeys.Version before = key.versions().get(key.versions().size() - 2);
                previous[0] = verifierKey(origin, before);
                audit.record(AuditEvent.of(AuditEventType.KEY_ROTATION, ACTOR, "checkpoint-key:v" + key.current().version()
                        + ":" + verifierKey(origin, key.current()) + ";previous:" + previous[0]).withDecision("ROTATED"));
            });
            return new Rotated(rotated.current().version(), verifierKey(origin, rotated.current()), previous[0]);
        } finally {
            Arrays.fill(next, (byte) 0);
        }
    }

    static String verifierKey(String origin, SealedKeys.Version version) {
        byte[] der = version.material();
        try {
            byte[] publicKey = Ed25519KeyFile.fromPkcs8("database key " + AuditService.SEALED_KEY_NAME + " v"
                    + version.version(), der, false).publicKey();
            return SignedNote.verifierKey(origin, publicKey);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
