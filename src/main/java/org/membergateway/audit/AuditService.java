package org.membergateway.audit;

import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.crypto.Ed25519KeyFile;
import org.membergateway.crypto.SignedNote;
import org.membergateway.crypto.keystore.SealedKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit capability as the rest of the gateway sees it: the trail to record into, and what
 * auditors ask of it (search, verification, checkpoints, proofs). Owns the writer thread and the
 * checkpointer; {@link #close()} flushes queued entries and signs a last checkpoint.
 */
public final class AuditService implements Managed, AutoCloseable {

    /** The checkpoint signing key, under the data directory (encrypted PKCS#8, mode 600; crypto.Ed25519KeyFile). */
    public static final String KEY_FILE = "keys/audit-checkpoint-ed25519.enc.pk8";
    /** Where earlier versions kept the key unencrypted; encrypted into {@link #KEY_FILE} at the next start. */
    public static final String PLAIN_KEY_FILE = "keys/audit-checkpoint-ed25519.pk8";
    private static final Logger LOG = LoggerFactory.getLogger(AuditService.class);

    private final AuditStore store;
    private final GroupCommitAuditTrail trail;
    private final Checkpointer checkpointer;
    private final AuditVerifier verifier;
    private final AuditProofs proofs;
    private final SignedNote.Signer signer;
    // One full verification at a time: it reads the whole trail.
    private final Semaphore verifying = new Semaphore(1);
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private AuditService(AuditStore store, GroupCommitAuditTrail trail, Checkpointer checkpointer,
                         AuditVerifier verifier, AuditProofs proofs, SignedNote.Signer signer) {
        this.store = store;
        this.trail = trail;
        this.checkpointer = checkpointer;
        this.verifier = verifier;
        this.proofs = proofs;
        this.signer = signer;
    }

    /**
     * Loads (or, the first time, generates) the signing key and starts the writer and the
     * checkpointer. A newly generated key is itself recorded in the trail.
     *
     * @param keyPassphrase encrypts the signing key at rest: the gateway's OpenPGP key passphrase
     *     ({@code GatewayOpenPgpKey.passphrase})
     * @throws IllegalStateException when the trail already has signed checkpoints and the key is
     *     missing: a new key would leave them unverifiable by the key everyone holds
     */
    public static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, char[] keyPassphrase) {
        return start(configuration, dataDir, jdbi, keyPassphrase, Clock.systemUTC());
    }

    /**
     * As {@link #start(AuditConfiguration, Path, Jdbi, char[])}, the writer and the checkpointer on
     * {@code writerJdbi}: the server gives them a pool of their own, since requests hold a
     * connection of theirs while they wait for the writer (see GatewayDatabase#auditWriterDataSourceFactory).
     */
    public static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, Jdbi writerJdbi,
                                     char[] keyPassphrase) {
        return start(configuration, dataDir, jdbi, writerJdbi, keyPassphrase, Optional.empty());
    }

    static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, char[] keyPassphrase, Clock clock) {
        return start(configuration, dataDir, jdbi, keyPassphrase, clock, Checkpointer.ownThread(), System::nanoTime);
    }

    /**
     * @param scheduler runs the automatic checkpoints (tests pass one they drive)
     * @param nanoTime the monotonic clock that decides when the checkpoint interval has passed
     */
    static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, char[] keyPassphrase, Clock clock,
                              Checkpointer.Scheduler scheduler, LongSupplier nanoTime) {
        return start(configuration, dataDir, jdbi, jdbi, keyPassphrase, Optional.empty(), clock, scheduler, nanoTime,
                GroupCommitAuditTrail.AppendTimer.NONE);
    }

    /**
     * As {@link #start(AuditConfiguration, Path, Jdbi, Jdbi, char[])}, with the checkpoint key kept in
     * the database under the master key when {@code shared} is present (crypto.keystore): every
     * instance on the database then signs with the one key, and verifies with all its versions.
     */
    public static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, Jdbi writerJdbi,
                                     char[] keyPassphrase, Optional<SealedKeys> shared) {
        return start(configuration, dataDir, jdbi, writerJdbi, keyPassphrase, shared, GroupCommitAuditTrail.AppendTimer.NONE);
    }

    /** As above, every committed append timed by {@code appendTimer} (the server's metrics). */
    public static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, Jdbi writerJdbi,
                                     char[] keyPassphrase, Optional<SealedKeys> shared,
                                     GroupCommitAuditTrail.AppendTimer appendTimer) {
        return start(configuration, dataDir, jdbi, writerJdbi, keyPassphrase, shared, Clock.systemUTC(),
                Checkpointer.ownThread(), System::nanoTime, appendTimer);
    }

    private static AuditService start(AuditConfiguration configuration, Path dataDir, Jdbi jdbi, Jdbi writerJdbi,
                                      char[] keyPassphrase, Optional<SealedKeys> shared, Clock clock,
                                      Checkpointer.Scheduler scheduler, LongSupplier nanoTime,
                                      GroupCommitAuditTrail.AppendTimer appendTimer) {
        // Auditors' reads go through the request pool; only appends and checkpoints use the writer's.
        AuditStore store = new AuditStore(jdbi, clock);
        AuditStore writes = new AuditStore(writerJdbi, clock);
        CheckpointKeys keys = shared.isPresent()
                ? sharedSigningKey(shared.get(), dataDir, keyPassphrase, store, configuration.getOrigin())
                : fileSigningKey(dataDir, keyPassphrase, store, configuration.getOrigin());
        Ed25519KeyFile.Ed25519Key key = keys.current();
        SignedNote.Signer signer = new SignedNote.Signer(configuration.getOrigin(), key.privateKey(), key.publicKey());
        Checkpointer checkpointer = new Checkpointer(writes, signer, configuration.getOrigin(),
                configuration.getCheckpointEveryEntries(), configuration.getCheckpointInterval().toJavaDuration(),
                scheduler, nanoTime);
        GroupCommitAuditTrail trail = new GroupCommitAuditTrail(writes, new AuditLogSink(), configuration.getQueueCapacity(),
                configuration.getMaxBatchSize(), configuration.getCommitTimeout().toJavaDuration(),
                checkpointer::committedUpTo, appendTimer);
        // Every version of the key verifies: checkpoints signed before a rotation stay checkable.
        List<SignedNote.Verifier> verifiers = new java.util.ArrayList<>();
        for (byte[] publicKey : keys.publicKeys()) {
            verifiers.add(SignedNote.Verifier.of(signer.name(), publicKey));
        }
        AuditVerifier verifier = new AuditVerifier(jdbi, configuration.getOrigin(), verifiers);
        AuditService service = new AuditService(store, trail, checkpointer, verifier, new AuditProofs(jdbi), signer);
        if (configuration.isAutomaticCheckpoints()) {
            checkpointer.start();
        }
        if (keys.origin() == SealedKeys.Origin.CREATED || keys.origin() == SealedKeys.Origin.IMPORTED) {
            boolean created = keys.origin() == SealedKeys.Origin.CREATED;
            LOG.info("{} the audit checkpoint signing key {}; its verifier key is {}", created ? "Generated" : "Imported",
                    keys.where(), signer.verifierKey());
            // Not fatal here: without the database the gateway fails on its first request anyway.
            try {
                trail.record(AuditEvent.of(AuditEventType.CHECKPOINT, "system", "key:" + signer.verifierKey())
                        .withDecision(created ? "KEY_CREATED" : "KEY_IMPORTED"));
            } catch (AuditUnavailableException e) {
                LOG.error("Could not record the new signing key in the audit trail: {}", e.getMessage());
            }
        }
        return service;
    }

    /** The name of the checkpoint key in the database's sealed keys. */
    public static final String SEALED_KEY_NAME = "audit-checkpoint";
    /** What the sealed bytes are: a PKCS#8 DER Ed25519 private key. */
    public static final String SEALED_KEY_ALGORITHM = "Ed25519-PKCS8";

    /** The key that signs, the public keys of every version (which verify), and where it came from. */
    private record CheckpointKeys(Ed25519KeyFile.Ed25519Key current, List<byte[]> publicKeys, String where,
                                  SealedKeys.Origin origin) {
    }

    private static CheckpointKeys fileSigningKey(Path dataDir, char[] passphrase, AuditStore store, String origin) {
        Ed25519KeyFile.Ed25519Key key = signingKey(dataDir, passphrase, store, origin);
        return new CheckpointKeys(key, List.of(key.publicKey()), dataDir.resolve(KEY_FILE).toString(),
                key.created() ? SealedKeys.Origin.CREATED : SealedKeys.Origin.EXISTING);
    }

    /**
     * The checkpoint key kept in the database: the one there; else the file this instance kept
     * before it was given a master key (imported, so its checkpoints still verify); else a new
     * one, but, as with the file, only while the trail has no signed checkpoint.
     */
    private static CheckpointKeys sharedSigningKey(SealedKeys shared, Path dataDir, char[] passphrase, AuditStore store,
                                                   String origin) {
        SealedKeys.Key sealed = shared.getOrCreate(SEALED_KEY_NAME, SEALED_KEY_ALGORITHM,
                () -> legacyKeyFile(dataDir, passphrase), () -> {
                    Optional<AuditStore.StoredCheckpoint> latest = store.latestCheckpoint();
                    if (latest.isPresent()) {
                        throw new IllegalStateException("The audit trail has signed checkpoints (the latest at tree size "
                                + latest.get().treeSize() + ", origin " + origin + ") but the database holds no checkpoint"
                                + " signing key and " + dataDir.resolve(KEY_FILE) + " is missing. Start once the instance"
                                + " that has the key file (with GATEWAY_MASTER_KEY set) so it moves it into the database;"
                                + " the gateway does not make a new one, because the existing checkpoints would no longer"
                                + " match it.");
                    }
                    return Ed25519KeyFile.generatePkcs8();
                });
        List<byte[]> publicKeys = new java.util.ArrayList<>();
        Ed25519KeyFile.Ed25519Key current = null;
        for (SealedKeys.Version version : sealed.versions()) {
            String where = "database key " + SEALED_KEY_NAME + " v" + version.version();
            byte[] der = version.material();
            try {
                current = Ed25519KeyFile.fromPkcs8(where, der, false);
            } finally {
                java.util.Arrays.fill(der, (byte) 0);
            }
            publicKeys.add(current.publicKey());
        }
        if (sealed.origin() == SealedKeys.Origin.IMPORTED) {
            LOG.warn("Moved the audit checkpoint signing key from {} into the database, sealed under GATEWAY_MASTER_KEY;"
                    + " this instance no longer reads the file, and other instances need only the master key",
                    dataDir.resolve(KEY_FILE));
        }
        return new CheckpointKeys(current, publicKeys, "(database key " + SEALED_KEY_NAME + " v" + sealed.current().version()
                + ")", sealed.origin());
    }

    /** The PKCS#8 of the key file an earlier, file-keeping start left, if there is one. */
    private static Optional<byte[]> legacyKeyFile(Path dataDir, char[] passphrase) {
        Path file = dataDir.resolve(KEY_FILE);
        Path plain = dataDir.resolve(PLAIN_KEY_FILE);
        try {
            if (!Files.exists(file) && Files.exists(plain)) {
                Ed25519KeyFile.encryptPlain(plain, file, passphrase);
            }
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            return Optional.of(Ed25519KeyFile.load(file, passphrase).privateKey().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit checkpoint signing key " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint key: encrypted from an unencrypted one an earlier version left, loaded, or made
     * now, but only while the trail has no signed checkpoint. Once it has, a missing key is an
     * operator's mistake (a data directory restored without keys/, a new instance not given a
     * copy) that a new key would hide: checkpoints and witnesses would stop agreeing on the signer.
     */
    private static Ed25519KeyFile.Ed25519Key signingKey(Path dataDir, char[] passphrase, AuditStore store, String origin) {
        Path file = dataDir.resolve(KEY_FILE);
        Path plain = dataDir.resolve(PLAIN_KEY_FILE);
        try {
            if (!Files.exists(file) && Files.exists(plain)) {
                Ed25519KeyFile.encryptPlain(plain, file, passphrase);
                LOG.warn("Encrypted the audit checkpoint signing key {} into {} with the OpenPGP key passphrase and"
                        + " deleted the unencrypted file; copies of it elsewhere (backups) are still unencrypted", plain, file);
            }
            if (!Files.exists(file)) {
                Optional<AuditStore.StoredCheckpoint> latest = store.latestCheckpoint();
                if (latest.isPresent()) {
                    throw new IllegalStateException("The audit trail has signed checkpoints (the latest at tree size "
                            + latest.get().treeSize() + ", origin " + origin + ") but the checkpoint signing key " + file
                            + " is missing. Restore it from a backup of the data directory's keys/ (with the same "
                            + "GATEWAY_OPENPGP_PASSPHRASE), or copy it from another instance; the gateway does not make a "
                            + "new one, because the existing checkpoints and everyone holding the verifier key (the target "
                            + "of the trail's CHECKPOINT / KEY_CREATED entry) would no longer match it.");
                }
            }
            return Ed25519KeyFile.loadOrCreate(file, passphrase);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit checkpoint signing key " + file + ": " + e.getMessage(), e);
        }
    }

    public AuditTrail trail() {
        return trail;
    }

    public List<AuditEntry> search(AuditQuery query) {
        return store.search(query);
    }

    /** Entries committed so far. */
    public long size() {
        return store.size();
    }

    /**
     * Verifies the whole trail, then records that it did (AUDIT_VERIFICATION, VALID or INVALID);
     * if that entry cannot be written the caller gets {@link AuditUnavailableException}.
     */
    public AuditVerification verifyAndRecord(String actor) {
        return verifyAndRecordEntry(actor).result();
    }

    /** A verification's result and the AUDIT_VERIFICATION entry that recorded it. */
    public record RecordedVerification(AuditVerification result, AuditEntry entry) {
    }

    /**
     * As {@link #verifyAndRecord}, also returning the entry it wrote, so a page can show which
     * entry holds the result it reports.
     */
    public RecordedVerification verifyAndRecordEntry(String actor) {
        try {
            if (!verifying.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new AuditUnavailableException("Another verification of the audit trail is running.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("Interrupted while waiting to verify the audit trail.", e);
        }
        AuditVerification result;
        try {
            result = verifier.verify();
        } finally {
            verifying.release();
        }
        AuditEvent event = AuditEvent.of(AuditEventType.AUDIT_VERIFICATION, actor, "audit-trail")
                .withDecision(result.valid() ? "VALID" : "INVALID")
                .withRows(result.entries());
        if (!result.valid()) {
            event = event.withReasons(List.of(result.problem().name()));
        }
        return new RecordedVerification(result, trail.record(event));
    }

    public AuditVerifier verifier() {
        return verifier;
    }

    public Optional<StoredCheckpoint> latestCheckpoint() {
        return store.latestCheckpoint();
    }

    public Optional<StoredCheckpoint> checkpointNow() {
        return checkpointer.checkpointNow();
    }

    /** The C2SP verifier key for the checkpoints: {@code <origin>+<hex key hash>+<base64(0x01 || key)>}. */
    public String verifierKey() {
        return signer.verifierKey();
    }

    /**
     * Whether the checkpoint key in use still signs a note its own verifier key accepts (the keys
     * health check): a key that cannot sign means no further checkpoint, while entries go on.
     */
    public boolean checkpointKeyWorks() {
        try {
            String note = signer.sign("member-gateway key check\n");
            return SignedNote.Verifier.parse(signer.verifierKey()).open(note).isPresent();
        } catch (RuntimeException e) {
            LOG.warn("The audit checkpoint key did not sign: {}", e.getClass().getName());
            return false;
        }
    }

    public AuditProofs proofs() {
        return proofs;
    }

    @Override
    public void start() {
        // Already running: commands record entries before the server (and the lifecycle) starts.
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        trail.close();
        checkpointer.close();
        try {
            checkpointer.checkpointNow();
        } catch (RuntimeException e) {
            LOG.warn("No final audit checkpoint at shutdown: {}", GroupCommitAuditTrail.describe(e));
        }
    }
}
