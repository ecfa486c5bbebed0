package org.membergateway.crypto.keystore;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where the master key comes from that seals the keys instances share through the database
 * ({@code keys:} in config/gateway.yml). Both empty: each instance keeps its keys in files under
 * its data directory, as a single instance or the demo does.
 */
public class KeystoreConfiguration {

    /** Base64 of 32 or more random bytes ({@code GATEWAY_MASTER_KEY}). */
    private String masterKey = "";

    /** A file holding that base64 text ({@code GATEWAY_MASTER_KEY_FILE}), e.g. a container secret. */
    private String masterKeyFile = "";

    @JsonProperty
    public String getMasterKey() {
        return masterKey;
    }

    @JsonProperty
    public void setMasterKey(String masterKey) {
        this.masterKey = masterKey == null ? "" : masterKey;
    }

    @JsonProperty
    public String getMasterKeyFile() {
        return masterKeyFile;
    }

    @JsonProperty
    public void setMasterKeyFile(String masterKeyFile) {
        this.masterKeyFile = masterKeyFile == null ? "" : masterKeyFile;
    }

    @Override
    public String toString() {
        return "KeystoreConfiguration[REDACTED]";
    }
}
