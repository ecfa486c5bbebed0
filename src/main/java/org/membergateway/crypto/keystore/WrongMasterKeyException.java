package org.membergateway.crypto.keystore;

/**
 * A sealed key did not open: the master key is not the one that sealed it (or the row was
 * changed). The gateway stops rather than make new keys over the old ones.
 */
public final class WrongMasterKeyException extends MasterKeyException {

    public WrongMasterKeyException(String name, int version) {
        super("GATEWAY_MASTER_KEY does not open the key '" + name + "' v" + version + " kept in the database: give"
                + " this instance the master key the other instances use (nothing was changed)");
    }
}
