package org.membergateway.crypto.keystore;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * The keys every instance on a database shares, kept in it sealed under the {@link MasterKey}
 * (V28 {@code sealed_keys}). The first instance to ask for a key makes it (or imports the file an
 * earlier, file-keeping version left); every other instance reads that one. Asking and making
 * happen under a per-name advisory lock in one transaction, so instances starting together
 * agree on one key.
 *
 * <p>A key that does not unseal stops the caller ({@link WrongMasterKeyException}); nothing is
 * ever made over a key that is there.
 */
public final class SealedKeys {

    /** Where the current version of a key came from in this call. */
    public enum Origin { EXISTING, IMPORTED, CREATED, ROTATED }

    /** One version, unsealed. The material is a secret: never printed. */
    public record Version(int version, String algorithm, byte[] material, boolean retired) {
        public Version {
            material = material.clone();
        }

        @Override
        public byte[] material() {
            return material.clone();
        }

        @Override
        public String toString() {
            return "Version[" + version + " " + algorithm + (retired ? " retired" : "") + ", REDACTED]";
        }
    }

    /** A key's versions, oldest first; {@code current} is the newest, which signs and seals from now on. */
    public record Key(String name, List<Version> versions, Origin origin) {
        public Key {
            versions = List.copyOf(versions);
        }

        public Version current() {
            return versions.get(versions.size() - 1);
        }
    }

    private final Jdbi jdbi;
    private final MasterKey master;
    private final Clock clock;

    public SealedKeys(Jdbi jdbi, MasterKey master, Clock clock) {
        this.jdbi = jdbi;
        this.master = master;
        this.clock = clock;
    }

    /** Shared keys when a master key is configured; empty means each instance keeps its keys in files. */
    public static Optional<SealedKeys> configured(KeystoreConfiguration configuration, Jdbi jdbi) {
        return MasterKey.configured(configuration).map(master -> new SealedKeys(jdbi, master, Clock.systemUTC()));
    }

    /**
     * The key {@code name}: the one in the database; else, the first time, the material {@code
     * legacy} supplies (a file an earlier version kept), else what {@code generate} makes. Both run
     * under the lock, at most once, and may refuse by throwing (e.g. a trail already has
     * checkpoints, so a new checkpoint key would not match them).
     */
    public Key getOrCreate(String name, String algorithm, Supplier<Optional<byte[]>> legacy, Supplier<byte[]> generate) {
        return jdbi.inTransaction(handle -> {
            SealedKeyDao dao = handle.attach(SealedKeyDao.class);
            dao.lock(name);
            List<SealedKeyDao.Row> rows = dao.versions(name);
            if (!rows.isEmpty()) {
                return new Key(name, unsealAll(rows), Origin.EXISTING);
            }
            Optional<byte[]> imported = legacy.get();
            byte[] material = imported.orElseGet(generate);
            dao.insert(name, 1, algorithm, master.seal(name, 1, material), now());
            return new Key(name, List.of(new Version(1, algorithm, material, false)),
                    imported.isPresent() ? Origin.IMPORTED : Origin.CREATED);
        });
    }

    /** The key {@code name} if the database has it. */
    public Optional<Key> find(String name) {
        List<SealedKeyDao.Row> rows = jdbi.withExtension(SealedKeyDao.class, dao -> dao.versions(name));
        return rows.isEmpty() ? Optional.empty() : Optional.of(new Key(name, unsealAll(rows), Origin.EXISTING));
    }

    /**
     * Adds {@code material} as the next version of {@code name} and marks every earlier version
     * retired (kept: what they signed still verifies). {@code beforeCommit} runs inside the
     * transaction, after the insert and before the commit: the caller records the rotation there,
     * so a rotation the audit trail cannot record does not happen.
     */
    public Key rotate(String name, String algorithm, byte[] material, java.util.function.Consumer<Key> beforeCommit) {
        return jdbi.inTransaction(handle -> {
            SealedKeyDao dao = handle.attach(SealedKeyDao.class);
            dao.lock(name);
            List<SealedKeyDao.Row> rows = dao.versions(name);
            if (rows.isEmpty()) {
                throw new IllegalStateException("there is no key '" + name + "' in the database to rotate;"
                        + " start the gateway once with GATEWAY_MASTER_KEY so it is stored there");
            }
            // Opened first: a wrong master key must not add a version nobody else can open.
            List<Version> versions = new ArrayList<>(unsealAll(rows));
            int next = rows.get(rows.size() - 1).version() + 1;
            OffsetDateTime at = now();
            dao.insert(name, next, algorithm, master.seal(name, next, material), at);
            dao.retireBefore(name, next, at);
            List<Version> retired = new ArrayList<>();
            for (Version v : versions) {
                retired.add(new Version(v.version(), v.algorithm(), v.material(), true));
            }
            retired.add(new Version(next, algorithm, material, false));
            Key key = new Key(name, retired, Origin.ROTATED);
            beforeCommit.accept(key);
            return key;
        });
    }

    private List<Version> unsealAll(List<SealedKeyDao.Row> rows) {
        List<Version> versions = new ArrayList<>();
        for (SealedKeyDao.Row row : rows) {
            versions.add(new Version(row.version(), row.algorithm(), master.unseal(row.name(), row.version(), row.sealed()),
                    row.retiredAt() != null));
        }
        return versions;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
