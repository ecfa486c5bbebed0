package org.membergateway.crypto.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.TestDatabases;

/** The sealed keys table (V28) and its service, on real PostgreSQL as the application role. */
class SealedKeysIntegrationTest {

    static TestDatabases.SplitRoles db;
    static final String MASTER = MasterKeyTest.randomBase64(32);

    @BeforeAll
    static void open() {
        db = TestDatabases.openFreshWithAppRole();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static SealedKeys keys(Jdbi jdbi, String master) {
        return new SealedKeys(jdbi, MasterKey.ofBase64(master), Clock.systemUTC());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void twoInstancesAskingAtOnceMakeOneKeyAndBothGetIt() throws Exception {
        // Two pools of their own, as two instances have.
        Jdbi first = GatewayDatabase.jdbi(TestDatabases.dataSource(db.url(), TestDatabases.APP_ROLE));
        Jdbi second = GatewayDatabase.jdbi(TestDatabases.dataSource(db.url(), TestDatabases.APP_ROLE));
        for (int round = 0; round < 5; round++) {
            String name = "race-" + round;
            AtomicInteger generated = new AtomicInteger();
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<SealedKeys.Key>> results = new ArrayList<>();
            for (Jdbi instance : List.of(first, second)) {
                results.add(pool.submit(() -> {
                    SealedKeys keys = keys(instance, MASTER);
                    together.await(30, TimeUnit.SECONDS);
                    return keys.getOrCreate(name, "test", Optional::empty, () -> {
                        generated.incrementAndGet();
                        return bytes("made by " + Thread.currentThread().getName());
                    });
                }));
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            SealedKeys.Key a = results.get(0).get();
            SealedKeys.Key b = results.get(1).get();

            assertThat(generated).as("keys generated in round %d", round).hasValue(1);
            assertThat(a.current().material()).isEqualTo(b.current().material());
            assertThat(List.of(a.origin(), b.origin())).containsExactlyInAnyOrder(SealedKeys.Origin.CREATED,
                    SealedKeys.Origin.EXISTING);
            assertThat(count("SELECT count(*) FROM sealed_keys WHERE name = '" + name + "'")).isEqualTo(1);
        }
    }

    @Test
    void aKeyFileIsImportedOnceAndNothingIsGeneratedThen() {
        SealedKeys keys = keys(db.app(), MASTER);
        SealedKeys.Key imported = keys.getOrCreate("imported", "test", () -> Optional.of(bytes("from the file")), () -> {
            throw new AssertionError("generated although a file was there");
        });
        assertThat(imported.origin()).isEqualTo(SealedKeys.Origin.IMPORTED);

        SealedKeys.Key again = keys.getOrCreate("imported", "test", () -> {
            throw new AssertionError("the file read again although the database has the key");
        }, () -> bytes("new"));
        assertThat(again.origin()).isEqualTo(SealedKeys.Origin.EXISTING);
        assertThat(again.current().material()).isEqualTo(bytes("from the file"));
        // Sealed at rest: the row does not hold the material in the clear.
        byte[] stored = db.superuser().withHandle(h -> h.createQuery(
                "SELECT sealed FROM sealed_keys WHERE name = 'imported'").mapTo(byte[].class).one());
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("from the file");
    }

    @Test
    void aWrongMasterKeyFailsAndMakesNothingOverTheOldKey() {
        keys(db.app(), MASTER).getOrCreate("guarded", "test", Optional::empty, () -> bytes("original"));

        SealedKeys wrong = keys(db.app(), MasterKeyTest.randomBase64(32));
        assertThatThrownBy(() -> wrong.getOrCreate("guarded", "test", Optional::empty, () -> bytes("replacement")))
                .isInstanceOf(WrongMasterKeyException.class).hasMessageContaining("'guarded' v1");
        assertThatThrownBy(() -> wrong.rotate("guarded", "test", bytes("replacement"), key -> { }))
                .isInstanceOf(WrongMasterKeyException.class);

        assertThat(count("SELECT count(*) FROM sealed_keys WHERE name = 'guarded'")).isEqualTo(1);
        assertThat(keys(db.app(), MASTER).find("guarded").orElseThrow().current().material()).isEqualTo(bytes("original"));
    }

    @Test
    void rotationAddsAVersionAndKeepsTheOldOnesRetired() {
        SealedKeys keys = keys(db.app(), MASTER);
        keys.getOrCreate("rotated", "test", Optional::empty, () -> bytes("one"));
        SealedKeys.Key rotated = keys.rotate("rotated", "test", bytes("two"), key -> { });

        assertThat(rotated.current().version()).isEqualTo(2);
        SealedKeys.Key read = keys.find("rotated").orElseThrow();
        assertThat(read.versions()).extracting(SealedKeys.Version::version).containsExactly(1, 2);
        assertThat(read.versions().get(0).retired()).isTrue();
        assertThat(read.versions().get(0).material()).isEqualTo(bytes("one"));
        assertThat(read.current().retired()).isFalse();
        assertThat(read.current().material()).isEqualTo(bytes("two"));
        assertThat(read.versions().get(0).toString()).doesNotContain("one");
    }

    @Test
    void aRotationTheCallerRefusesInsideTheTransactionLeavesNoNewVersion() {
        SealedKeys keys = keys(db.app(), MASTER);
        keys.getOrCreate("refused", "test", Optional::empty, () -> bytes("one"));
        assertThatThrownBy(() -> keys.rotate("refused", "test", bytes("two"), key -> {
            throw new IllegalStateException("the audit trail cannot record");
        })).hasMessageContaining("cannot record");
        assertThat(keys.find("refused").orElseThrow().versions()).hasSize(1);
        assertThat(keys.find("refused").orElseThrow().current().retired()).isFalse();
    }

    @Test
    void theApplicationRoleCannotChangeOrDeleteASealedKey() {
        keys(db.app(), MASTER).getOrCreate("fixed", "test", Optional::empty, () -> bytes("one"));

        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(
                "UPDATE sealed_keys SET sealed = '\\x00' WHERE name = 'fixed'")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute("DELETE FROM sealed_keys WHERE name = 'fixed'")))
                .isInstanceOf(UnableToExecuteStatementException.class).hasMessageContaining("permission denied");
        // Even the owner is refused by the trigger: rows are written once.
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute(
                "UPDATE sealed_keys SET sealed = '\\x00' WHERE name = 'fixed'")))
                .hasMessageContaining("written once");
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute("DELETE FROM sealed_keys WHERE name = 'fixed'")))
                .hasMessageContaining("never deleted");
        // Retiring is allowed once, and only that.
        db.app().useHandle(h -> h.execute("UPDATE sealed_keys SET retired_at = now() WHERE name = 'fixed'"));
        assertThatThrownBy(() -> db.app().useHandle(h -> h.execute(
                "UPDATE sealed_keys SET retired_at = now() + interval '1 day' WHERE name = 'fixed'")))
                .hasMessageContaining("written once");
    }

    static long count(String sql) {
        return db.superuser().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
