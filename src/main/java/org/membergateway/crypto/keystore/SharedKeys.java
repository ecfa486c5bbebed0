package org.membergateway.crypto.keystore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.ServerSecret;
import org.membergateway.exports.ExportKeyWrapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets besides the checkpoint key (which AuditService loads itself) that instances on one
 * database must share: the API-key secret and the export wrapping keyset. With a master key they
 * come from the database (moved there from this instance's files the first time); without one,
 * from the configuration or the files, as before.
 *
 * <p>A value set explicitly in the configuration ({@code GATEWAY_API_KEY_SECRET},
 * {@code GATEWAY_EXPORT_WRAPPING_KEY}) still wins: an operator who already gives every instance
 * the same value keeps doing so.
 */
public final class SharedKeys {

    public static final String API_KEY_SECRET = "api-key-secret";
    public static final String API_KEY_SECRET_ALGORITHM = "HMAC-SHA256-key";
    public static final String EXPORT_WRAPPING = "export-wrapping";
    public static final String EXPORT_WRAPPING_ALGORITHM = "Tink-AEAD-keyset";
    /** Who the audit trail names for a key moved or made at start. */
    static final String ACTOR = "system";
    private static final Logger LOG = LoggerFactory.getLogger(SharedKeys.class);

    private final Optional<SealedKeys> sealed;
    private final Path keysDir;
    private final AuditTrail audit;

    public SharedKeys(Optional<SealedKeys> sealed, Path keysDir, AuditTrail audit) {
        this.sealed = sealed;
        this.keysDir = keysDir;
        this.audit = audit;
    }

    /** Says once, at start, what a second instance on this database would need. */
    public static void noteIfShareable(Optional<SealedKeys> sealed, boolean sharedDatabase, Path keysDir) {
        if (sealed.isEmpty() && sharedDatabase) {
            LOG.info("GATEWAY_MASTER_KEY is not set: this instance keeps its signing keys and secrets in {}; several"
                    + " instances on one database need GATEWAY_MASTER_KEY (docs/operations.md, Keys and several instances)",
                    keysDir);
        }
    }

    public ServerSecret serverSecret(String configured, boolean sharedDatabase) {
        if (sealed.isEmpty() || !configured.isEmpty()) {
            return ServerSecret.configuredOrKept(configured, keysDir, sharedDatabase && sealed.isEmpty());
        }
        SealedKeys.Key key = sealed.get().getOrCreate(API_KEY_SECRET, API_KEY_SECRET_ALGORITHM,
                () -> ServerSecret.readKept(keysDir), ServerSecret::generateBytes);
        recordIfNew(key, keysDir.resolve(ServerSecret.FILE_NAME));
        return ServerSecret.ofBytes(key.current().material());
    }

    public ExportKeyWrapping exportWrapping(String configured) {
        if (sealed.isEmpty() || !configured.isBlank()) {
            return ExportKeyWrapping.configuredOrKept(configured, keysDir);
        }
        SealedKeys.Key key = sealed.get().getOrCreate(EXPORT_WRAPPING, EXPORT_WRAPPING_ALGORITHM,
                () -> ExportKeyWrapping.readKept(keysDir).map(s -> s.getBytes(StandardCharsets.US_ASCII)),
                () -> ExportKeyWrapping.generate().stored().getBytes(StandardCharsets.US_ASCII));
        recordIfNew(key, keysDir.resolve(ExportKeyWrapping.FILE_NAME));
        return ExportKeyWrapping.parse(new String(key.current().material(), StandardCharsets.US_ASCII));
    }

    /**
     * A key this start moved into the database or made there is recorded (names and versions
     * only, never material); an import is also logged once, so the operator knows the file is
     * no longer read.
     */
    private void recordIfNew(SealedKeys.Key key, Path file) {
        if (key.origin() == SealedKeys.Origin.EXISTING) {
            return;
        }
        boolean imported = key.origin() == SealedKeys.Origin.IMPORTED;
        if (imported) {
            LOG.warn("Moved {} into the database (key {} v{}), sealed under GATEWAY_MASTER_KEY; this instance no longer"
                    + " reads the file, and other instances need only the master key", file, key.name(),
                    key.current().version());
        } else {
            LOG.info("Made the key {} v{} in the database, sealed under GATEWAY_MASTER_KEY", key.name(),
                    key.current().version());
        }
        audit.record(AuditEvent.of(AuditEventType.KEY_ROTATION, ACTOR, target(key))
                .withDecision(imported ? "IMPORTED" : "CREATED"));
    }

    /** How the audit trail names a sealed key's version. */
    public static String target(SealedKeys.Key key) {
        return "sealed-key:" + key.name() + ":v" + key.current().version();
    }
}
