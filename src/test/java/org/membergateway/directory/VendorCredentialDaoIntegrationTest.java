package org.membergateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestDatabases;

/** A vendor is found by the digest of its API key, whether or not it may sign in. */
class VendorCredentialDaoIntegrationTest {

    private static TestDatabases.SplitRoles database;
    private static Jdbi jdbi;
    private static VendorCredentialDao vendorKeys;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        jdbi = database.app();
        vendorKeys = jdbi.onDemand(VendorCredentialDao.class);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static byte[] digest(int b) {
        byte[] digest = new byte[32];
        Arrays.fill(digest, (byte) b);
        return digest;
    }

    /** Vendors are created by the vendors package; here a row is enough. */
    private static long vendor(String name, byte[] digest, boolean active) {
        return jdbi.withHandle(h -> h.createQuery(
                        "INSERT INTO vendors (name, api_key_digest, active) VALUES (:n, :d, :a) RETURNING id")
                .bind("n", name).bind("d", digest).bind("a", active).mapTo(Long.class).one());
    }

    @Test
    void findsTheVendorWhoseKeyHasTheDigest() {
        long acme = vendor("Acme Mail", digest(1), true);
        long gone = vendor("Gone Print", digest(2), false);

        VendorCredentialDao.VendorCredential found = vendorKeys.byKeyDigest(digest(1)).orElseThrow();
        assertThat(found.id()).isEqualTo(acme);
        assertThat(found.name()).isEqualTo("Acme Mail");
        assertThat(found.active()).isTrue();
        assertThat(found.apiKeyDigest()).isEqualTo(digest(1));
        assertThat(found.toString()).isEqualTo("Vendor[" + acme + "]");

        VendorCredentialDao.VendorCredential inactive = vendorKeys.byKeyDigest(digest(2)).orElseThrow();
        assertThat(inactive.id()).isEqualTo(gone);
        assertThat(inactive.active()).as("found, so the realm can say it is disabled").isFalse();

        assertThat(vendorKeys.byKeyDigest(digest(3))).isEmpty();
    }
}
