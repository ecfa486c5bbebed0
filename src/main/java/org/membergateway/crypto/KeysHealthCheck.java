package org.membergateway.crypto;

import com.codahale.metrics.health.HealthCheck;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Red when a key the gateway signs with no longer signs: the OpenPGP key (acknowledgement receipts,
 * exports) or the audit checkpoint key. Each is asked to sign a fixed probe and the signature is
 * checked with its public half, so the check says the key works, not merely that it was loaded.
 * The message names the keys by their public identities (fingerprint, verifier key), which
 * instances sharing a database must show alike.
 */
public final class KeysHealthCheck extends HealthCheck {

    private static final byte[] PROBE = "member-gateway key check".getBytes(StandardCharsets.US_ASCII);

    private final GatewayOpenPgpKey openPgpKey;
    private final BooleanSupplier checkpointKeyWorks;
    private final String checkpointVerifierKey;

    public KeysHealthCheck(GatewayOpenPgpKey openPgpKey, BooleanSupplier checkpointKeyWorks, String checkpointVerifierKey) {
        this.openPgpKey = openPgpKey;
        this.checkpointKeyWorks = checkpointKeyWorks;
        this.checkpointVerifierKey = checkpointVerifierKey;
    }

    @Override
    protected Result check() {
        boolean openPgp = openPgpSigns();
        boolean checkpoint = checkpointKeyWorks.getAsBoolean();
        String keys = "OpenPGP key " + openPgpKey.fingerprint() + (openPgp ? " signs" : " does NOT sign")
                + "; audit checkpoint key " + checkpointVerifierKey + (checkpoint ? " signs" : " does NOT sign");
        return openPgp && checkpoint ? Result.healthy(keys) : Result.unhealthy(keys);
    }

    private boolean openPgpSigns() {
        try {
            return openPgpKey.verify(PROBE, openPgpKey.detachedSignature(PROBE));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
