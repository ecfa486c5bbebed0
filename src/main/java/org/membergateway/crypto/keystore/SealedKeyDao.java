package org.membergateway.crypto.keystore;

import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Rows of {@code sealed_keys} (V28): written once, retired by rotation, never deleted. */
interface SealedKeyDao {

    /** The first key of pg_advisory_xact_lock(int, int): "keys"; the second is the key's name hashed. */
    int LOCK_CLASS = 0x6B657973;

    record Row(String name, int version, String algorithm, byte[] sealed, OffsetDateTime createdAt,
               OffsetDateTime retiredAt) {
        @Override
        public String toString() {
            return "SealedKey[" + name + " v" + version + " " + algorithm + ", REDACTED]";
        }
    }

    /**
     * Held to the end of the transaction: two instances starting together (or a start and a
     * rotation) take turns, so the second sees the key the first made instead of making its own.
     */
    @SqlQuery("SELECT true FROM pg_advisory_xact_lock(" + LOCK_CLASS + ", hashtext(:name))")
    boolean lock(@Bind("name") String name);

    @SqlQuery("SELECT name, version, algorithm, sealed, created_at, retired_at FROM sealed_keys WHERE name = :name"
            + " ORDER BY version")
    @RegisterConstructorMapper(Row.class)
    List<Row> versions(@Bind("name") String name);

    @SqlUpdate("INSERT INTO sealed_keys (name, version, algorithm, sealed, created_at)"
            + " VALUES (:name, :version, :algorithm, :sealed, :at)")
    void insert(@Bind("name") String name, @Bind("version") int version, @Bind("algorithm") String algorithm,
                @Bind("sealed") byte[] sealed, @Bind("at") OffsetDateTime at);

    @SqlUpdate("UPDATE sealed_keys SET retired_at = :at WHERE name = :name AND version < :version AND retired_at IS NULL")
    int retireBefore(@Bind("name") String name, @Bind("version") int version, @Bind("at") OffsetDateTime at);
}
