package org.membergateway.crypto;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The {@code openpgp:} section of the configuration; {@code config/gateway.yml} documents each value. */
public class OpenPgpConfiguration {

    /**
     * Encrypts the gateway's OpenPGP private key at rest. Empty: with the embedded database a random
     * one is kept beside the key (demo); with an external database the gateway refuses to start.
     */
    @NotNull
    @Size(max = 1024)
    private String keyPassphrase = "";

    /** The user id of keys generated from now on (what {@code gpg --list-keys} shows). */
    @NotNull
    @Pattern(regexp = "[^\\p{Cntrl}]{1,200}")
    private String userId = "member-gateway signing key";

    @JsonProperty
    public String getKeyPassphrase() {
        return keyPassphrase;
    }

    @JsonProperty
    public void setKeyPassphrase(String keyPassphrase) {
        this.keyPassphrase = keyPassphrase == null ? "" : keyPassphrase;
    }

    @JsonProperty
    public String getUserId() {
        return userId;
    }

    @JsonProperty
    public void setUserId(String userId) {
        this.userId = userId;
    }

    @Override
    public String toString() {
        return "OpenPgpConfiguration[userId=" + userId + ", keyPassphrase=REDACTED]";
    }
}
