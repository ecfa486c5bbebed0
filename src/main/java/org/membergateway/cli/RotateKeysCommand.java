package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.crypto.keystore.CheckpointKeyRotation;
import org.membergateway.crypto.keystore.MasterKeyException;
import org.membergateway.crypto.keystore.SealedKeys;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;

/**
 * {@code rotate-keys --key checkpoint [config]} (docs/operations.md, "Keys and several instances"):
 * rotates a key kept in the database under GATEWAY_MASTER_KEY. The old version stays, retired, so
 * what it signed keeps verifying. Running instances keep the key they started with until they
 * are restarted; restart them one after another afterwards.
 *
 * <p>Only the checkpoint key for now. The OpenPGP key has {@code openpgp-rotate}; the export
 * wrapping keyset in files has {@code export-wrapping-rotate}; the API-key secret is not rotated
 * (every vendor API key's digest depends on it: rotating it means issuing every vendor a new key).
 */
public final class RotateKeysCommand extends GatewayCommand {

    public RotateKeysCommand() {
        super("rotate-keys", "Rotates a key kept in the database (GATEWAY_MASTER_KEY), keeping old versions for verifying");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--key").required(true)
                .choices("checkpoint", "openpgp", "api-key-secret", "export-wrapping")
                .help("which key to rotate");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        String which = namespace.getString("key");
        switch (which) {
            case "checkpoint" -> {
            }
            case "openpgp" -> throw new IllegalArgumentException("the OpenPGP key is still kept in each instance's"
                    + " data directory: rotate it with openpgp-rotate");
            case "export-wrapping" -> throw new IllegalArgumentException("rotating the export wrapping keyset in the"
                    + " database is not supported yet; without GATEWAY_MASTER_KEY use export-wrapping-rotate");
            default -> throw new IllegalArgumentException("the API-key secret is not rotated: every vendor API key's"
                    + " digest depends on it, so rotating it would lock every vendor out");
        }
        try (GatewayDatabase database = configuration.openDatabase()) {
            Optional<SealedKeys> sealed = SealedKeys.configured(configuration.getKeys(), database.jdbi());
            if (sealed.isEmpty()) {
                throw new IllegalArgumentException("GATEWAY_MASTER_KEY (or GATEWAY_MASTER_KEY_FILE) is not set: the"
                        + " checkpoint key is kept in the data directory and is not rotated by this command");
            }
            // The trail first (with the current key): a rotation it cannot record does not happen.
            try (AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(),
                    database.jdbi(), database.jdbi(), configuration.keyPassphrase(), sealed)) {
                CheckpointKeyRotation.Rotated rotated = CheckpointKeyRotation.rotate(sealed.get(), audit.trail(),
                        configuration.getAudit().getOrigin());
                System.out.println("Checkpoint key rotated to version " + rotated.version() + "; its verifier key is "
                        + rotated.verifierKey());
                System.out.println("The previous key (" + rotated.previousVerifierKey() + ") is kept: checkpoints it"
                        + " signed still verify. Restart every instance to sign with the new key.");
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof IllegalArgumentException || e instanceof DatabaseUnavailableException
                || e instanceof MasterKeyException || e instanceof AuditUnavailableException) {
            cli.getStdErr().println("rotate-keys: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
