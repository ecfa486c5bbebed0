package org.membergateway.directory;

import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Vendors' sign-in credentials (V3__people_and_directory.sql: {@code vendors}): only the keyed hash
 * of each API key is stored, and a vendor is found by it.
 */
public interface VendorCredentialDao {

    /** What a vendor's sign-in needs: who it is, whether it may sign in, and the digest to compare. */
    record VendorCredential(long id, String name, boolean active, byte[] apiKeyDigest) {
        /** The digest stays out of logs. */
        @Override
        public String toString() {
            return "Vendor[" + id + "]";
        }
    }

    @SqlQuery("SELECT id, name, active, api_key_digest FROM vendors WHERE api_key_digest = :digest")
    @RegisterConstructorMapper(VendorCredential.class)
    Optional<VendorCredential> byKeyDigest(@Bind("digest") byte[] digest);
}
