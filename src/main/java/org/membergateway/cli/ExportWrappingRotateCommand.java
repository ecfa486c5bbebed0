package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.crypto.SecretFiles;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.exports.ExportBlobStore;
import org.membergateway.exports.ExportKeyWrapping;

/**
 * {@code export-wrapping-rotate [--retire-old] [--out FILE] [config]} (docs/operations-retention.md,
 * "Rotating the wrapping key"): adds a new primary key to the export wrapping keyset, wraps every
 * live export data key anew under it, and with {@code --retire-old} removes the older keys, after
 * which no copy of a data key wrapped under them (in any backup) opens anything. Run it with the
 * gateways stopped: a running gateway keeps the keyset it started with.
 *
 * <p>The keyset file is replaced first (old keys and new), then the data keys are rewrapped, then
 * old keys removed: stopped at any point, every live key still unwraps with the file as it is.
 * With {@code GATEWAY_EXPORT_WRAPPING_KEY} the new keyset is written to {@code --out} instead, for
 * the operator to put into the secret store.
 *
 * <p>Each step is a {@code KEY_ROTATION} audit entry (actor {@code cli}): the new and previous
 * primary key ids with the count of data keys rewrapped, then the ids of the keys retired. Key ids
 * only, never key material; a trail that cannot record stops the rotation.
 */
public final class ExportWrappingRotateCommand extends GatewayCommand {

    /** Who the audit trail names for a rotation: an operator at the command line, as for {@code purge}. */
    static final String ACTOR = "cli";

    public ExportWrappingRotateCommand() {
        super("export-wrapping-rotate", "Rotates the key that wraps export data keys (run with the gateways stopped)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--retire-old").dest("retire_old").action(Arguments.storeTrue())
                .help("remove the older keys once every live data key is rewrapped: backups' copies become useless");
        subparser.addArgument("--out").metavar("FILE")
                .help("write the new keyset here (owner-only, must not exist) instead of the key file; needed when"
                        + " GATEWAY_EXPORT_WRAPPING_KEY is set");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        String configured = configuration.getRetention().getExportWrappingKey();
        String out = namespace.getString("out");
        if (!configured.isBlank() && out == null) {
            throw new IllegalArgumentException("the wrapping key comes from GATEWAY_EXPORT_WRAPPING_KEY: pass --out FILE"
                    + " to write the new keyset there, then put its contents into the secret");
        }
        if (configured.isBlank() && org.membergateway.crypto.keystore.MasterKey.configured(configuration.getKeys()).isPresent()) {
            // Kept in the database, where every sealed version is kept for good; removing old keys
            // there (what --retire-old is for) is not built yet, so nothing is rotated by halves.
            throw new IllegalArgumentException("with GATEWAY_MASTER_KEY the export wrapping keyset is kept in the"
                    + " database; rotating it there is not supported yet (docs/operations.md, Keys and several instances)");
        }
        Path keysDir = configuration.dataPath().resolve("keys");
        ExportKeyWrapping current = ExportKeyWrapping.configuredOrKept(configured, keysDir);
        // The trail first: a rotation it cannot record does not happen (nothing is changed yet).
        try (GatewayDatabase database = configuration.openDatabase();
             AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), database.jdbi(), database.jdbi(),
                    configuration.keyPassphrase(), org.membergateway.crypto.keystore.SealedKeys.configured(
                            configuration.getKeys(), database.jdbi()))) {
            ExportKeyWrapping next = current.rotated();
            long newPrimary = Integer.toUnsignedLong(next.primaryKeyId());
            String target = "export-wrapping-key:" + newPrimary;
            save(next, keysDir, out, false);
            // Recorded inside the rewrapping transaction: if the trail cannot record, no key is
            // rewrapped, and the file (old keys and new) still opens every export.
            int rewrapped = new ExportBlobStore(next).rewrapAll(database.jdbi(), done -> audit.trail().record(
                    AuditEvent.of(AuditEventType.KEY_ROTATION, ACTOR, target + ";previous:"
                            + Integer.toUnsignedLong(current.primaryKeyId())).withDecision("ROTATED").withRows(done)));
            System.out.printf("New primary wrapping key %d; %d live export data keys rewrapped under it%n",
                    newPrimary, rewrapped);
            if (Boolean.TRUE.equals(namespace.getBoolean("retire_old"))) {
                ExportKeyWrapping retired = next.withoutOldKeys();
                List<Long> removed = next.keyIds().stream().filter(id -> !retired.keyIds().contains(id)).toList();
                // Recorded before the file loses the keys, as every action is recorded before it takes effect.
                audit.trail().record(AuditEvent.of(AuditEventType.KEY_ROTATION, ACTOR, target + ";retired:"
                                + removed.stream().map(String::valueOf).collect(Collectors.joining(",")))
                        .withDecision("RETIRED").withRows(removed.size()));
                save(retired, keysDir, out, true);
                System.out.printf("Removed %d older wrapping keys: data keys wrapped under them, in any backup, no longer open%n",
                        removed.size());
            }
        }
        System.out.println(out == null ? "Keyset: " + keysDir.resolve(ExportKeyWrapping.FILE_NAME)
                : "Keyset written to " + out + ": put its contents into GATEWAY_EXPORT_WRAPPING_KEY on every instance");
    }

    private static void save(ExportKeyWrapping keyset, Path keysDir, String out, boolean replace) throws java.io.IOException {
        if (out == null) {
            keyset.writeTo(keysDir);
            return;
        }
        Path file = Path.of(out).toAbsolutePath();
        if (replace) {
            Files.delete(file);
        } else if (Files.exists(file)) {
            throw new IllegalArgumentException(out + " already exists");
        }
        SecretFiles.createOwnerOnly(file.getParent(), file, keyset.stored().getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof DatabaseUnavailableException
                || e instanceof IllegalStateException || e instanceof AuditUnavailableException) {
            cli.getStdErr().println("export-wrapping-rotate: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
