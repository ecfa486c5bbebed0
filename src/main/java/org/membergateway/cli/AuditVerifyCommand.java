package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditLogCrossCheck;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditVerification;
import org.membergateway.audit.AuditVerifier;
import org.membergateway.crypto.Ed25519KeyFile;
import org.membergateway.crypto.SignedNote;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;

/**
 * {@code audit-verify [--verifier-key KEY] [--checkpoint FILE]... [--log-file FILE]... [config]}
 * (README, Audit trail): verifies every entry's hashes and chain link and every signed checkpoint. Exit 0
 * when the trail is intact; 1, naming the first bad seq, when it is not (or cannot be checked).
 *
 * <p>Read-only: it records nothing, so it also runs against a read replica.
 */
public final class AuditVerifyCommand extends GatewayCommand {

    /** The trail is not intact; the message names the first bad seq. */
    static final class TrailInvalidException extends RuntimeException {
        TrailInvalidException(String message) {
            super(message);
        }
    }

    public AuditVerifyCommand() {
        super("audit-verify", "Verifies the audit trail: exit 0 when intact, 1 with the first bad seq");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--verifier-key").metavar("KEY")
                .help("checkpoint verifier key <name>+<hash>+<key> to trust (default: the key in the data directory)");
        subparser.addArgument("--checkpoint").metavar("FILE").action(Arguments.append())
                .help("a checkpoint note saved earlier (e.g. from GET /api/v1/audit/checkpoint); the trail must still match it");
        subparser.addArgument("--log-file").metavar("FILE").action(Arguments.append())
                .help("an audit log file (JSON lines, .gz archives too) to cross-check against the database");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        String origin = configuration.getAudit().getOrigin();
        List<String> notes = new ArrayList<>();
        for (String file : listOrEmpty(namespace, "checkpoint")) {
            notes.add(Files.readString(Path.of(file), StandardCharsets.UTF_8));
        }
        try (GatewayDatabase database = configuration.openDatabase()) {
            Jdbi jdbi = database.jdbi();
            java.util.Optional<org.membergateway.crypto.keystore.SealedKeys> sealed =
                    org.membergateway.crypto.keystore.SealedKeys.configured(configuration.getKeys(), jdbi);
            List<SignedNote.Verifier> keys = namespace.getString("verifier_key") == null && sealed.isPresent()
                    ? sealedKeys(sealed.get(), configuration)
                    : keys(namespace.getString("verifier_key"), configuration);
            // Timed from here: opening (or starting) the database is not verification.
            long started = System.nanoTime();
            AuditVerification result = new AuditVerifier(jdbi, origin, keys).verify(notes);
            double seconds = (System.nanoTime() - started) / 1e9;
            if (!result.valid()) {
                System.out.printf(Locale.ROOT, "audit trail INVALID: first bad seq %d (%s): %s%n",
                        result.firstInvalidSeq(), result.problem(), result.reason());
                throw new TrailInvalidException("the audit trail is not intact; first bad seq " + result.firstInvalidSeq());
            }
            System.out.printf(Locale.ROOT, "audit trail valid: %,d entries, head %s, %,d checkpoints%s (%.1f s, %,d entries/s)%n",
                    result.entries(), result.head() == null ? "-" : result.head().hex(), result.checkpoints(),
                    result.latestCheckpoint() == null ? "" : " (latest at tree size " + result.latestCheckpoint() + ")",
                    seconds, Math.round(result.entries() / Math.max(seconds, 1e-9)));
            for (String file : listOrEmpty(namespace, "log_file")) {
                AuditLogCrossCheck.Result check = AuditLogCrossCheck.check(jdbi, Path.of(file));
                if (!check.matches()) {
                    System.out.printf(Locale.ROOT, "log file %s DISAGREES with the database: first bad seq %d: %s%n",
                            file, check.firstMismatchSeq(), check.reason());
                    throw new TrailInvalidException("the log file " + file + " does not match the database; first bad seq "
                            + check.firstMismatchSeq());
                }
                System.out.printf(Locale.ROOT, "log file %s matches the database: %,d entries%s%n", file, check.lines(),
                        check.notInFile() == 0 ? "" : String.format(Locale.ROOT,
                                " (%,d entries between them are not in this file)", check.notInFile()));
            }
        }
    }

    private static List<String> listOrEmpty(Namespace namespace, String name) {
        List<String> values = namespace.getList(name);
        return values == null ? List.of() : values;
    }

    /**
     * With a master key the checkpoint key is in the database: every version of it verifies, so
     * checkpoints signed before a rotation still count.
     */
    private static List<SignedNote.Verifier> sealedKeys(org.membergateway.crypto.keystore.SealedKeys sealed,
                                                        GatewayConfiguration configuration) {
        var key = sealed.find(AuditService.SEALED_KEY_NAME);
        if (key.isEmpty()) {
            System.err.println("audit-verify: the database holds no checkpoint signing key yet; pass --verifier-key to"
                    + " check checkpoints");
            return List.of();
        }
        List<SignedNote.Verifier> verifiers = new ArrayList<>();
        for (var version : key.get().versions()) {
            byte[] der = version.material();
            try {
                verifiers.add(SignedNote.Verifier.of(configuration.getAudit().getOrigin(), Ed25519KeyFile.fromPkcs8(
                        "database key " + AuditService.SEALED_KEY_NAME + " v" + version.version(), der, false).publicKey()));
            } finally {
                java.util.Arrays.fill(der, (byte) 0);
            }
        }
        return verifiers;
    }

    private static List<SignedNote.Verifier> keys(String verifierKey, GatewayConfiguration configuration) throws IOException {
        if (verifierKey != null) {
            return List.of(SignedNote.Verifier.parse(verifierKey));
        }
        Path keyFile = configuration.dataPath().resolve(AuditService.KEY_FILE);
        if (!Files.exists(keyFile) && Files.exists(configuration.dataPath().resolve(AuditService.PLAIN_KEY_FILE))) {
            // Not encrypted yet (the gateway does it at its next start): this command only reads.
            System.err.println("audit-verify: the signing key is still unencrypted in "
                    + configuration.dataPath().resolve(AuditService.PLAIN_KEY_FILE) + "; start the gateway once to encrypt"
                    + " it, or pass --verifier-key");
            return List.of();
        }
        if (!Files.exists(keyFile)) {
            // The verifier then reports any checkpoint as uncheckable.
            System.err.println("audit-verify: no signing key at " + keyFile + "; pass --verifier-key to check checkpoints");
            return List.of();
        }
        Ed25519KeyFile.Ed25519Key key = Ed25519KeyFile.load(keyFile, configuration.keyPassphrase());
        return List.of(SignedNote.Verifier.of(configuration.getAudit().getOrigin(), key.publicKey()));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof TrailInvalidException || e instanceof DatabaseUnavailableException
                || e instanceof IllegalArgumentException || e instanceof IOException
                || e instanceof org.membergateway.crypto.keystore.MasterKeyException) {
            cli.getStdErr().println("audit-verify: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
