package org.membergateway.directory;

import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The OpenPGP public key a person registered (PUT /people/{username}/openpgp-key): what their exports are encrypted to. */
public interface PersonKeysDao {

    /** The ASCII-armored key; empty if the person has none (or does not exist). */
    @SqlQuery("SELECT openpgp_public_key FROM people WHERE username = :username AND openpgp_public_key IS NOT NULL")
    Optional<String> openPgpKey(@Bind("username") String username);
}
