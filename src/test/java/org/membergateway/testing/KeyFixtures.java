package org.membergateway.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * OpenPGP public keys exported by GnuPG 2.2 into src/test/resources/directory: good ones, and the
 * weak ones the gateway refuses (RSA-2048, DSA with ElGamal, SHA-1 self-signatures), kept as files
 * because gpg should not be asked to make weak keys on every run.
 */
public final class KeyFixtures {

    private KeyFixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = KeyFixtures.class.getResourceAsStream("/directory/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test key " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
