package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.directory.PersonKeysDao;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.http.SpreadsheetSafeCsv;
import org.membergateway.members.MemberSelection;
import org.membergateway.members.MemberSelectionDao;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AgreementFact;
import org.membergateway.policy.Policy;
import org.membergateway.policy.RowSet;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds exports of approved list requests (README, List requests and exports). An export is built only for an approved
 * request that the policy still allows today ({@link ListRequestService#redecide}); its rows come
 * from one {@code COPY (SELECT ...)} over the request's explicit scope, projected to exactly the
 * requested fields, streamed through the OpenPGP encryptor straight into the export store:
 * plaintext exists only in memory, a buffer at a time, whatever the size. The ciphertext and the
 * READY status commit together, so a crash leaves nothing to download.
 */
public final class ExportBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(ExportBuilder.class);

    private final Jdbi jdbi;
    private final ListRequestService requests;
    private final Policy policy;
    private final ExtractAgreements agreements;
    private final MemberSelectionDao members;
    private final ExportBlobStore blobs;
    private final GatewayOpenPgpKey gatewayKey;
    private final AuditTrail audit;
    private final ExportsConfiguration config;
    private final Clock clock;
    private final OpenPgpExportEncryptor encryptor = new OpenPgpExportEncryptor();
    private final OneTimePassphrases passphrases = new OneTimePassphrases();
    private final SeedRecords seeds;
    private final SecureRandom random = new SecureRandom();
    private final ExportBuildSlots slots;
    private final ExportCounter counter;

    /** Counts exports built and the rows in them (seed rows included, as in the file): numbers only. */
    @FunctionalInterface
    public interface ExportCounter {
        ExportCounter NONE = rows -> { };

        void built(long rows);
    }

    public ExportBuilder(Jdbi jdbi, ListRequestService requests, Policy policy, ExtractAgreements agreements,
                         MemberSelectionDao members, ExportBlobStore blobs, GatewayOpenPgpKey gatewayKey, AuditTrail audit,
                         ExportsConfiguration config, Clock clock) {
        this(jdbi, requests, policy, agreements, members, blobs, gatewayKey, audit, config, clock, ExportCounter.NONE);
    }

    /** @param counter told every export built, with its rows (the server's metrics) */
    public ExportBuilder(Jdbi jdbi, ListRequestService requests, Policy policy, ExtractAgreements agreements,
                         MemberSelectionDao members, ExportBlobStore blobs, GatewayOpenPgpKey gatewayKey, AuditTrail audit,
                         ExportsConfiguration config, Clock clock, ExportCounter counter) {
        this.counter = counter;
        this.jdbi = jdbi;
        this.requests = requests;
        this.policy = policy;
        this.agreements = agreements;
        this.members = members;
        this.blobs = blobs;
        this.gatewayKey = gatewayKey;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.seeds = new SeedRecords(config.getSeedRecords(), config.getSeedAddresses());
        this.slots = new ExportBuildSlots(config.getMaxConcurrentBuilds());
    }

    /** The bound on builds at once: taken before an export is planned, released when its build ends. */
    public ExportBuildSlots buildSlots() {
        return slots;
    }

    /** {@code POST /list-requests/{id}/exports} body. */
    public record ExportBody(String encryption) {
    }

    /** The answer to a new export (README, List requests and exports); the passphrase is shown this once. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Created(String id, long rows, String sha256,
                          @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime expiresAt, String passphrase) {
        @Override
        public String toString() {
            return "Created[" + id + ", rows=" + rows + ", passphrase " + (passphrase == null ? "none" : "REDACTED") + "]";
        }
    }

    /**
     * What is decided before the first row is read: what to select, for whom, and the seeds; where
     * they go among the rows is drawn from {@code seedSecret} once the rows are counted.
     */
    private record Plan(UUID id, ListRequest request, MemberSelection selection, List<String> fields,
                        ExportRecipient recipient, byte[] seedSecret, List<byte[]> seedLines, OffsetDateTime expiresAt) {
    }

    /** What a build stored: the rows in the file (seeds too, so no count tells them apart) and the message's SHA-256. */
    private record Built(long rows, String sha256) {
    }

    /**
     * An export whose build has started in the background (the pages, which show its progress): its
     * id, its expiry, and the one-time passphrase when one was asked for, shown this once.
     */
    public record Started(String id, OffsetDateTime expiresAt, String passphrase) {
        @Override
        public String toString() {
            return "Started[" + id + ", passphrase " + (passphrase == null ? "none" : "REDACTED") + "]";
        }
    }

    public Created create(Requester caller, long requestId, ExportBody body) {
        Encryption encryption = encryption(body);
        char[] passphrase = encryption == Encryption.PASSPHRASE ? passphrases.next() : null;
        // Before the plan, which already reads member rows (the seeds' donors).
        try (ExportBuildSlots.Slot slot = slots.take()) {
            Plan plan = jdbi.inTransaction(h -> plan(h, caller, requestId, encryption, passphrase));
            Built built = build(plan);
            return new Created(plan.id().toString(), built.rows(), built.sha256(), plan.expiresAt(),
                    passphrase == null ? null : new String(passphrase));
        } finally {
            clear(passphrase);
        }
    }

    /**
     * The same export as {@link #create}, decided and planned now (a refusal is thrown here, as there), but
     * built on {@code builds}, so the caller can answer at once and show the progress: the build's
     * row counts it as it goes ({@code rowsWritten}) and its status turns READY or FAILED when done.
     * A build the executor cannot take now is marked failed and answered 503, nothing kept.
     */
    public Started start(Requester caller, long requestId, ExportBody body, Executor builds) {
        Encryption encryption = encryption(body);
        char[] passphrase = encryption == Encryption.PASSPHRASE ? passphrases.next() : null;
        Plan plan;
        ExportBuildSlots.Slot slot;
        try {
            // Before the plan, which already reads member rows (the seeds' donors); held until the build ends.
            slot = slots.take();
        } catch (RuntimeException e) {
            clear(passphrase);
            throw e;
        }
        try {
            plan = jdbi.inTransaction(h -> plan(h, caller, requestId, encryption, passphrase));
        } catch (RuntimeException e) {
            slot.close();
            clear(passphrase);
            throw e;
        }
        String shown = passphrase == null ? null : new String(passphrase);
        try {
            builds.execute(() -> {
                try {
                    build(plan);
                } catch (RuntimeException e) {
                    // build() has marked it FAILED; the page shows that. The message names no member data.
                    LOG.warn("export {} failed: {}", plan.id(), e.toString());
                } finally {
                    slot.close();
                    clear(passphrase);
                }
            });
        } catch (RejectedExecutionException e) {
            slot.close();
            clear(passphrase);
            jdbi.useExtension(ExportDao.class, exports -> exports.markFailed(plan.id()));
            throw ExportException.busy();
        }
        return new Started(plan.id().toString(), plan.expiresAt(), shown);
    }

    private static Encryption encryption(ExportBody body) {
        return Encryption.parse(body == null ? null : body.encryption())
                .orElseThrow(() -> new InvalidParameterException("encryption", "encryption: RECIPIENT_KEY (your registered"
                        + " OpenPGP key) or PASSPHRASE (a one-time passphrase shown once)"));
    }

    private static void clear(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }

    private Plan plan(Handle h, Requester caller, long requestId, Encryption encryption, char[] passphrase) {
        ListRequest request = requests.approvedForExport(caller, requestId);
        AgreementFact agreement = request.isVendorExtract() ? agreements.agreement(request.agreementId()).orElse(null) : null;
        // Refuses (audited) unless today's policy still allows what was approved.
        requests.redecide(caller, request, agreement);
        // Counted under the request's row lock, so two exports started at once cannot both be the first.
        ExportDao used = h.attach(ExportDao.class);
        used.lockRequest(requestId);
        if (used.usedExports(requestId) >= config.getExportsPerApproval()) {
            audit.record(AuditEvent.of(AuditEventType.ACCESS_REFUSED, caller.actor(), "list-request:" + requestId + ":export")
                    .withDecision("DENIED").withReasons(List.of("EXPORTS_USED")));
            throw ExportException.exportsUsed(config.getExportsPerApproval());
        }
        AccessRequest access = request.request();
        ExportRecipient recipient;
        String fingerprint = null;
        if (encryption == Encryption.PASSPHRASE) {
            if (request.isVendorExtract()) {
                throw new InvalidParameterException("encryption",
                        "encryption: a vendor extract is encrypted to the key pinned in the vendor's agreement (RECIPIENT_KEY)");
            }
            recipient = new PassphraseRecipient(passphrase);
        } else {
            String armored = (request.isVendorExtract() ? agreements.pinnedKey(request.agreementId())
                    : h.attach(PersonKeysDao.class).openPgpKey(caller.username()))
                    .orElseThrow(() -> ExportException.noRecipientKey(request.isVendorExtract()));
            PublicKeyRecipient key = PublicKeyRecipient.fromArmored(armored, clock.instant());
            recipient = key;
            fingerprint = key.fingerprint();
        }
        MemberSelection selection = MemberSelection.of(access, policy.purposes().get(access.purpose()).rows());
        // A secret of this export's alone: two exports of one request get different seeds.
        byte[] secret = SeedRecords.newSecret(random);
        // Voting records carry no seeds: a seed is a contact canary (its address, phone or email is
        // what catches misuse) and a voting list has no contact fields, so a seed could only be a
        // made-up member said to have voted, a false line in the union's record of an election.
        List<Map<String, String>> seedRecords = selection.rows() == RowSet.VOTING_RECORDS ? List.of()
                : seeds.create(secret, seeds.count(secret),
                        members.sample(selection, SeedRecords.donorSalt(secret), SeedRecords.DONORS), taken());
        int seedCount = seedRecords.size();
        UUID id = UUID.randomUUID();
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plus(config.lifetime(access.purpose().name()));
        ExportDao exports = h.attach(ExportDao.class);
        exports.insertBuilding(id, requestId, encryption, fingerprint, caller.username(), expiresAt, config.getMaxDownloads());
        // Each seed carries exactly the requested fields, like every other line of the list.
        List<Integer> numbers = new ArrayList<>(seedCount);
        List<String> records = new ArrayList<>(seedCount);
        List<byte[]> lines = new ArrayList<>(seedCount);
        for (int i = 0; i < seedCount; i++) {
            Map<String, String> projected = new LinkedHashMap<>();
            for (String field : access.fields()) {
                projected.put(field, seedRecords.get(i).get(field));
            }
            numbers.add(i);
            records.add(json(projected));
            lines.add(csvLine(projected.values()));
        }
        if (!numbers.isEmpty()) {
            exports.insertSeeds(id, numbers, records);
        }
        return new Plan(id, request, selection, access.fields(), recipient, secret, lines, expiresAt);
    }

    /** The values seeds must not share with any member, nor (ids, phones, emails) with an earlier seed. */
    private SeedRecords.Taken taken() {
        return new SeedRecords.Taken() {
            @Override
            public Set<String> memberIds(Collection<String> candidates) {
                return union(members.existingMemberIds(candidates), seeded(candidates, "member_id"));
            }

            @Override
            public Set<String> phoneDigits(Collection<String> digits) {
                return union(members.existingPhoneDigits(digits), seeded(digits, "home_phone", "mobile_phone"));
            }

            @Override
            public Set<String> emails(Collection<String> lowerCase) {
                return union(members.existingEmails(lowerCase), seeded(lowerCase, "home_email", "work_email"));
            }

            @Override
            public Set<String> names(Collection<String> names) {
                return members.existingNames(names);
            }
        };
    }

    private Set<String> seeded(Collection<String> values, String... fields) {
        if (values.isEmpty()) {
            return Set.of();
        }
        return jdbi.withExtension(ExportDao.class, exports -> exports.seededValues(fields, values.toArray(String[]::new)));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** Streams the rows into the store. */
    private Built build(Plan plan) {
        GatewayOpenPgpKey.SigningMaterial key = gatewayKey.signingMaterial();
        ExportSigner signer = new ExportSigner(key.privateKey(), key.publicKey());
        // Handles of their own (Jdbi.open, not withHandle, which would hand back this thread's open one): the rows
        // come over one while the store writes the large object on the transaction's, and progress
        // commits on a third so others see it while the export's own transaction is still open.
        try (Handle reader = jdbi.open(); Handle progressHandle = jdbi.open()) {
            ExportDao progress = progressHandle.attach(ExportDao.class);
            Built built = jdbi.inTransaction(h -> {
                BlobWriter writer = blobs.create(h);
                SeedingCsvStream csv;
                // The count and the copy read one snapshot, so every seed lands between two member rows.
                reader.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
                reader.begin();
                long memberRows = reader.createQuery(plan.selection().countSql()).bindMap(plan.selection().parameters()).mapTo(Long.class).one();
                long[] positions = SeedRecords.positions(plan.seedSecret(), plan.seedLines().size(), memberRows);
                try (OutputStream message = encryptor.open(writer, plan.recipient(), signer)) {
                    // Member rows and seed lines alike pass the spreadsheet rule, so a seed looks like a member.
                    SpreadsheetSafeCsv.Neutralizer safe = SpreadsheetSafeCsv.neutralizing(message);
                    csv = new SeedingCsvStream(safe, positions, plan.seedLines(),
                            rows -> progress.recordProgress(plan.id(), rows));
                    MemberSelectionDao.copyCsv(reader, plan.selection(), plan.fields(), csv);
                    csv.finish();
                    safe.finish();
                }
                reader.commit();
                StoredBlob blob = writer.finish();
                h.attach(ExportDao.class).markReady(plan.id(), blob.blobId(), csv.rows(), csv.seedsPlanted(), blob.bytes(),
                        blob.sha256Hex());
                // Recorded before the answer leaves, inside the transaction: no trail entry, no export.
                audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, plan.request().requester(), "export:" + plan.id())
                        .withDecision("EXPORTED").withRows(csv.rows())
                        .withExportDigest(blob.sha256Hex()).withPolicyVersion(policy.version()));
                return new Built(csv.rows(), blob.sha256Hex());
            });
            // Counted once committed: a build that rolled back released nothing.
            counter.built(built.rows());
            return built;
        } catch (Exception e) {
            // The transaction rolled back: no ciphertext, no large object. The row says so.
            jdbi.useExtension(ExportDao.class, exports -> exports.markFailed(plan.id()));
            if (ExportStoreFullException.in(e).isPresent()) {
                // The refusal is in the trail, as sizes only: no row of it was kept or sent.
                audit.record(AuditEvent.of(AuditEventType.DECISION, plan.request().requester(), "export:" + plan.id())
                        .withDecision("REFUSED").withReasons(List.of("EXPORT_STORE_FULL")).withPolicyVersion(policy.version()));
                throw ExportException.storeFull();
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the export could not be built; nothing was kept", e);
        } finally {
            // The seeds are recorded; the secret that placed them is kept nowhere.
            Arrays.fill(plan.seedSecret(), (byte) 0);
        }
    }

    private static byte[] csvLine(Iterable<String> values) {
        StringWriter line = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(line, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return line.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String json(Map<String, String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
