package org.membergateway.cli;

import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import org.membergateway.GatewayConfiguration;
import org.membergateway.crypto.GatewayOpenPgpKey;

/**
 * {@code openpgp-rotate [config]}: replaces the gateway's OpenPGP signing key with a new one. The
 * old public key is kept under {@code keys/openpgp/retired/} and still served at
 * {@code GET /api/v1/keys/openpgp}, so receipts it signed stay verifiable. The new key is encrypted
 * with the passphrase configured now (which may be a new one). Run it with the gateway stopped,
 * then give every instance a copy of {@code keys/openpgp/} (docs/acknowledgements.md).
 */
public final class OpenPgpRotateCommand extends GatewayCommand {

    public OpenPgpRotateCommand() {
        super("openpgp-rotate", "Replaces the gateway's OpenPGP signing key; the old public key stays published");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) {
        Path keyDir = configuration.dataPath().resolve(GatewayOpenPgpKey.DIRECTORY);
        char[] passphrase = GatewayOpenPgpKey.passphrase(configuration.getOpenpgp(), keyDir,
                configuration.usesEmbeddedDatabase());
        GatewayOpenPgpKey key = GatewayOpenPgpKey.rotate(keyDir, passphrase, configuration.getOpenpgp().getUserId());
        System.out.println("New OpenPGP signing key: " + key.fingerprint());
        System.out.println("Retired (still published): " + String.join(", ", key.retiredFingerprints()));
        System.out.println("Copy " + keyDir + " to every gateway instance, then start them.");
    }
}
