package org.membergateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPostgres;
import org.membergateway.testing.UnionFixture;

/**
 * kill -9 of the real jar ({@code java -jar target/member-gateway.jar server}, built by {@code package};
 * failsafe runs this class after it) at three moments: with an export's ciphertext completely
 * written but not yet committed, with an approval waiting for its audit entry, and in the middle of a
 * burst of concurrent audited decisions. After each kill the jar is started again on the same
 * database and data directory; it must come up healthy without repair, and then: the trail
 * verifies, nothing downloadable lacks its complete ciphertext and its EXPORTED entry, every answer
 * that released data or recorded a decision before the kill has its entry, and no member's e-mail
 * address or phone number is in any file under the data directory, the process's temp directory or
 * its log.
 *
 * <p>To kill at a chosen moment without sleeping or racing, the test's superuser adds a trigger
 * that takes a shared advisory lock the test holds exclusively: the gateway's statement waits
 * there, inside its transaction, until the test has killed the process. Only then is the lock
 * released, and PostgreSQL rolls the dead client's transaction back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayKillJarIT {

    static final String ADMIN_PASSWORD = "kill-jar-admin-password";
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president31", "president-31-password");
    static final String OFFICER = basic("officer31", "officer-31-password");
    static final String AUDITOR = basic("auditor31", "auditor-31-password");
    static final int MEMBERS = 3_000;
    /** Every member's e-mail is at this domain and every phone starts so: what the disk scan looks for. */
    static final String EMAIL_DOMAIN = "@kill-members.test";
    static final String PHONE_PREFIX = "971-555-";
    static final long STALL_BLOB_FINISH = 7_001;
    static final long STALL_APPROVAL_ENTRY = 7_002;

    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L031"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "last_name", "home_email"),
            "justification", "Bargaining update");

    @TempDir
    static Path work;
    static Path dataDir;
    static Path tmpDir;
    static String url;
    static Jdbi superuser;
    static Gateway gateway;
    static int starts;

    /** One running jar: its process, its ports and the clients to them. */
    record Gateway(Process process, ApiClient api, ApiClient admin, Path log) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        dataDir = Files.createDirectories(work.resolve("data"));
        tmpDir = Files.createDirectories(work.resolve("tmp"));
        url = TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE);
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(url, "postgres"));
        gateway = start();
        UnionFixture.in(superuser).local("L031", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email, home_phone, mobile_phone, preferred_language)
                SELECT 'K' || lpad(i::text, 6, '0'), 'First' || i, 'Last' || i, 'L031', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       'k' || i || '%s', '%s' || lpad(i::text, 4, '0'), '%s' || lpad((i + 5000)::text, 4, '0'), 'en'
                FROM generate_series(1, %d) AS i""".formatted(EMAIL_DOMAIN, PHONE_PREFIX, PHONE_PREFIX, MEMBERS)));
        person("president31", "president-31-password", "LOCAL_PRESIDENT");
        person("officer31", "officer-31-password", "LOCAL_OFFICER");
        person("auditor31", "auditor-31-password", "AUDITOR");
        acknowledge("president31", PRESIDENT);
        acknowledge("officer31", OFFICER);
        // A trigger function that waits on a shared advisory lock: the test holds it exclusively to
        // stop the gateway at one statement, inside that statement's transaction.
        superuser.useHandle(h -> h.execute("""
                CREATE FUNCTION kill_test_stall() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock_shared(TG_ARGV[0]::bigint);
                    RETURN NEW;
                END $$"""));
    }

    @AfterAll
    static void tearDown() {
        if (gateway != null) {
            gateway.process().destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void killedWithAnExportsCiphertextWrittenButNotCommitted() throws Exception {
        // Released before the kill: an export built and downloaded.
        String released = export(ask());
        assertThat(gateway.api().getBytes("/api/v1/exports/" + released, PRESIDENT).statusCode()).isEqualTo(200);
        long request = ask();
        superuser.useHandle(h -> h.execute("CREATE TRIGGER kill_test_blob_finish BEFORE UPDATE ON export_blobs FOR EACH ROW"
                + " WHEN (OLD.ciphertext_bytes IS NULL AND NEW.ciphertext_bytes IS NOT NULL)"
                + " EXECUTE FUNCTION kill_test_stall('" + STALL_BLOB_FINISH + "')"));
        try (Handle stall = superuser.open()) {
            stall.execute("SELECT pg_advisory_lock(?)", STALL_BLOB_FINISH);
            CompletableFuture<Integer> building = CompletableFuture.supplyAsync(() -> gateway.api().postJson(
                    "/api/v1/list-requests/" + request + "/exports", PRESIDENT, Map.of("encryption", "PASSPHRASE")).statusCode());
            awaitWaiter(STALL_BLOB_FINISH);
            // Every row is encrypted into the large object; the blob's size is being recorded.
            assertThat(count("SELECT count(*) FROM exports WHERE status = 'BUILDING'")).isEqualTo(1);
            kill();
            assertThat(building.handle((status, e) -> status == null ? -1 : status).get(30, TimeUnit.SECONDS)).isNotEqualTo(201);
            stall.execute("SELECT pg_advisory_unlock(?)", STALL_BLOB_FINISH);
        }
        superuser.useHandle(h -> h.execute("DROP TRIGGER kill_test_blob_finish ON export_blobs"));
        awaitNoGatewaySessions();

        gateway = start();
        String interrupted = superuser.withHandle(h -> h.createQuery(
                "SELECT CAST(id AS text) FROM exports WHERE id <> CAST(? AS uuid)").bind(0, released).mapTo(String.class).one());
        String interruptedStatus = superuser.withHandle(h -> h.createQuery("SELECT status FROM exports WHERE id = CAST(? AS uuid)")
                .bind(0, interrupted).mapTo(String.class).one());
        assertThat(interruptedStatus).as("never READY, so never downloadable").isNotEqualTo("READY");
        assertThat(count("SELECT count(*) FROM exports WHERE id = CAST(? AS uuid) AND blob_id IS NOT NULL", interrupted)).isZero();
        assertThat(count("SELECT count(*) FROM export_blobs")).as("only the released export's blob").isEqualTo(1);
        assertThat(count("SELECT count(*) FROM pg_largeobject_metadata")).as("the interrupted large object rolled back").isEqualTo(1);
        assertThat(gateway.api().getBytes("/api/v1/exports/" + interrupted, PRESIDENT).statusCode()).isNotEqualTo(200);
        assertThat(entries("DATA_RELEASE", "EXPORTED", "export:" + released)).isEqualTo(1);
        assertThat(entries("DATA_RELEASE", "DOWNLOADED", "export:" + released)).isEqualTo(1);
        assertThat(entries("DATA_RELEASE", "EXPORTED", "export:" + interrupted)).isZero();
        assertEveryReleaseAudited();
        // Recovered: the same request builds now.
        String rebuilt = export(request);
        assertThat(gateway.api().getBytes("/api/v1/exports/" + rebuilt, PRESIDENT).statusCode()).isEqualTo(200);
        assertTrailVerifies();
        assertNoPlaintextOnDisk();
    }

    @Test
    @Order(2)
    void killedWhileAnApprovalWaitsForItsAuditEntry() throws Exception {
        long approvedBefore = pending();
        assertThat(approve(approvedBefore).statusCode()).isEqualTo(200);
        long interrupted = pending();
        superuser.useHandle(h -> h.execute("CREATE TRIGGER kill_test_approval_entry BEFORE INSERT ON audit_entries FOR EACH ROW"
                + " WHEN (NEW.action = 'APPROVAL') EXECUTE FUNCTION kill_test_stall('" + STALL_APPROVAL_ENTRY + "')"));
        try (Handle stall = superuser.open()) {
            stall.execute("SELECT pg_advisory_lock(?)", STALL_APPROVAL_ENTRY);
            CompletableFuture<Integer> approving = CompletableFuture.supplyAsync(() -> approve(interrupted).statusCode());
            awaitWaiter(STALL_APPROVAL_ENTRY);
            kill();
            assertThat(approving.handle((status, e) -> status == null ? -1 : status).get(30, TimeUnit.SECONDS)).isNotEqualTo(200);
            stall.execute("SELECT pg_advisory_unlock(?)", STALL_APPROVAL_ENTRY);
        }
        superuser.useHandle(h -> h.execute("DROP TRIGGER kill_test_approval_entry ON audit_entries"));
        awaitNoGatewaySessions();

        gateway = start();
        assertThat(status(approvedBefore)).isEqualTo("APPROVED");
        assertThat(entries("APPROVAL", null, "list-request:" + approvedBefore)).isEqualTo(1);
        assertThat(status(interrupted)).as("the approval's transaction rolled back with its entry").isEqualTo("PENDING_APPROVAL");
        assertThat(entries("APPROVAL", null, "list-request:" + interrupted)).isZero();
        // No approved request without its approval entry, whatever else is in the database.
        assertThat(count("""
                SELECT count(*) FROM list_requests r WHERE r.status = 'APPROVED' AND r.id IN (%s)
                AND NOT EXISTS (SELECT 1 FROM audit_entries a WHERE a.action = 'APPROVAL' AND a.target = 'list-request:' || r.id)"""
                .formatted(approvedBefore + "," + interrupted))).isZero();
        // Recovered: the approval goes through on the restarted jar, and the export after it.
        assertThat(approve(interrupted).statusCode()).isEqualTo(200);
        String built = exportAs(OFFICER, interrupted);
        assertThat(gateway.api().getBytes("/api/v1/exports/" + built, OFFICER).statusCode()).isEqualTo(200);
        assertEveryReleaseAudited();
        assertTrailVerifies();
        assertNoPlaintextOnDisk();
    }

    @Test
    @Order(3)
    void killedInTheMiddleOfABurstOfAuditedDecisions() throws Exception {
        int threads = 16;
        Set<Long> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(60);
        ExecutorService requesters = Executors.newFixedThreadPool(threads);
        long requestsBefore = count("SELECT count(*) FROM list_requests");
        for (int t = 0; t < threads; t++) {
            requesters.submit(() -> {
                while (!stop.get()) {
                    HttpResponse<String> asked;
                    try {
                        asked = gateway.api().postJson("/api/v1/list-requests", PRESIDENT, ASK);
                    } catch (RuntimeException e) {
                        return; // the connection died with the process
                    }
                    if (asked.statusCode() == 201) {
                        answered.add(json(asked).path("id").asLong());
                        enough.countDown();
                    }
                }
            });
        }
        assertThat(enough.await(120, TimeUnit.SECONDS)).as("the burst got going").isTrue();
        kill(); // with requests of every thread in flight
        stop.set(true);
        requesters.shutdown();
        assertThat(requesters.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        awaitNoGatewaySessions();

        gateway = start();
        // Every answered decision has exactly one entry; no request was kept without one.
        for (long id : answered) {
            assertThat(entries("DECISION", null, "list-request:" + id)).as("list-request:" + id).isEqualTo(1);
        }
        assertThat(count("""
                SELECT count(*) FROM list_requests r WHERE NOT EXISTS (SELECT 1 FROM audit_entries a
                WHERE a.action = 'DECISION' AND a.target = 'list-request:' || r.id)""")).isZero();
        assertThat(count("SELECT count(*) FROM list_requests")).isGreaterThanOrEqualTo(requestsBefore + answered.size());
        // One linear chain: seq 1..n without gap or duplicate, each linking to the one before.
        assertThat(count("SELECT count(DISTINCT seq) FROM audit_entries")).isEqualTo(count("SELECT max(seq) FROM audit_entries"));
        assertThat(count("""
                SELECT count(*) FROM audit_entries a JOIN audit_entries b ON b.seq = a.seq - 1
                WHERE a.prev_hash <> b.hash""")).isZero();
        assertEveryReleaseAudited();
        assertTrailVerifies();
        assertThat(auditVerifyCommand()).isZero();
        assertNoPlaintextOnDisk();
    }

    // --- the flows -------------------------------------------------------------------------------

    static long ask() {
        HttpResponse<String> asked = gateway.api().postJson("/api/v1/list-requests", PRESIDENT, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        return json(asked).path("id").asLong();
    }

    /** An officer's request, waiting for the local president. */
    static long pending() {
        HttpResponse<String> asked = gateway.api().postJson("/api/v1/list-requests", OFFICER, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        return json(asked).path("id").asLong();
    }

    static HttpResponse<String> approve(long request) {
        return gateway.api().postJson("/api/v1/list-requests/" + request + "/approval", PRESIDENT,
                Map.of("approve", true, "note", "Fine"));
    }

    static String export(long request) {
        return exportAs(PRESIDENT, request);
    }

    static String exportAs(String who, long request) {
        HttpResponse<String> built = gateway.api().postJson("/api/v1/list-requests/" + request + "/exports", who,
                Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        return json(built).path("id").asText();
    }

    static String status(long request) {
        return superuser.withHandle(h -> h.createQuery("SELECT status FROM list_requests WHERE id = ?").bind(0, request)
                .mapTo(String.class).one());
    }

    static void person(String username, String password, String role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("displayName", "Test " + username);
        body.put("password", password);
        body.put("roles", List.of(role));
        body.put("locals", List.of("L031"));
        HttpResponse<String> created = gateway.api().postJson("/api/v1/people", ADMIN, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static void acknowledge(String username, String who) {
        for (JsonNode document : json(gateway.api().get("/api/v1/acknowledgements/status?username=" + username, who))
                .path("documents")) {
            HttpResponse<String> signed = gateway.api().postJson("/api/v1/acknowledgements", who, Map.of(
                    "documentId", document.path("documentId").asText(), "version", document.path("version").asText(),
                    "language", "en", "typedName", "Test " + username));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        }
    }

    // --- what must hold after every restart ------------------------------------------------------

    /** Nothing downloadable lacks its EXPORTED entry; no download was counted without its DOWNLOADED entry. */
    static void assertEveryReleaseAudited() {
        assertThat(count("""
                SELECT count(*) FROM exports e WHERE e.status = 'READY' AND NOT EXISTS (SELECT 1 FROM audit_entries a
                WHERE a.action = 'DATA_RELEASE' AND a.decision = 'EXPORTED' AND a.target = 'export:' || e.id
                AND a.export_digest = e.sha256)""")).as("a downloadable export without its EXPORTED entry").isZero();
        assertThat(count("""
                SELECT count(*) FROM exports e WHERE e.downloads > (SELECT count(*) FROM audit_entries a
                WHERE a.action = 'DATA_RELEASE' AND a.decision = 'DOWNLOADED' AND a.target = 'export:' || e.id)"""))
                .as("a download counted without its entry").isZero();
        assertThat(count("""
                SELECT count(*) FROM exports e JOIN export_blobs b ON b.id = e.blob_id
                WHERE e.status = 'READY' AND (b.ciphertext_bytes IS NULL OR b.data_key IS NULL)"""))
                .as("a READY export whose blob was not completely written").isZero();
    }

    static void assertTrailVerifies() {
        HttpResponse<String> verified = gateway.api().get("/api/v1/audit/verification", AUDITOR);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(json(verified).path("valid").asBoolean()).as(verified.body()).isTrue();
    }

    /** No member e-mail or phone in any file the gateway wrote: data directory, temp directory, its log. */
    static void assertNoPlaintextOnDisk() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(work)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    if (text.contains(EMAIL_DOMAIN) || text.contains(PHONE_PREFIX)) {
                        found.add(work.relativize(file).toString());
                    }
                }
            }
        }
        assertThat(found).as("files holding member data").isEmpty();
        // The scan would see it: a downloaded export is ciphertext, so check the check on the database.
        assertThat(count("SELECT count(*) FROM members WHERE home_email LIKE ?", "%" + EMAIL_DOMAIN)).isEqualTo(MEMBERS);
    }

    // --- the process -----------------------------------------------------------------------------

    static Path jar() {
        Path jar = Path.of(System.getProperty("gateway.jar", "target/member-gateway.jar"));
        assertThat(jar).as("run by failsafe after `package`").exists();
        return jar;
    }

    static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpDir, "-jar", jar().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("GATEWAY_DATABASE_URL", url);
        env.put("GATEWAY_DATABASE_USER", TestDatabases.APP_ROLE);
        env.put("GATEWAY_DATABASE_PASSWORD", "");
        env.put("GATEWAY_DATABASE_MIGRATION_USER", "postgres");
        env.put("GATEWAY_DATA_DIR", dataDir.toString());
        env.put("GATEWAY_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.put("GATEWAY_OPENPGP_PASSPHRASE", "kill-jar-key-passphrase");
        env.put("GATEWAY_API_KEY_SECRET", "kill-jar-api-key-secret-0123456789abcdef");
        env.put("GATEWAY_ARGON2_MEMORY_KIB", "1024");
        env.put("GATEWAY_ARGON2_ITERATIONS", "1");
        // Checkpoints often, so a kill also lands near one.
        env.put("GATEWAY_AUDIT_CHECKPOINT_ENTRIES", "50");
        // One approved request is exported before the kill, during it and again after the restart.
        env.put("GATEWAY_EXPORTS_PER_APPROVAL", "3");
        return builder;
    }

    static Gateway start() throws Exception {
        int port = freePort();
        int adminPort = freePort();
        Path log = work.resolve("gateway-" + (++starts) + ".log");
        ProcessBuilder builder = command("server", "config/gateway.yml");
        builder.environment().put("GATEWAY_HTTP_PORT", Integer.toString(port));
        builder.environment().put("GATEWAY_ADMIN_PORT", Integer.toString(adminPort));
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gateway started = new Gateway(process, new ApiClient(port), new ApiClient(adminPort), log);
        await("the jar answers /healthcheck 200 (log " + log + ")", Duration.ofSeconds(120), () -> {
            assertThat(process.isAlive()).as("the jar exited while starting: " + tail(log)).isTrue();
            try {
                return started.admin().get("/healthcheck", null).statusCode() == 200;
            } catch (RuntimeException e) {
                return false; // not listening yet
            }
        });
        // A warm credential cache, so the burst is not refused BUSY by the Argon2 limit.
        for (String who : List.of(PRESIDENT, OFFICER, AUDITOR)) {
            started.api().get("/api/v1/list-requests", who);
        }
        return started;
    }

    static void kill() throws InterruptedException {
        Process process = gateway.process();
        process.destroyForcibly(); // SIGKILL on Linux
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
    }

    static int auditVerifyCommand() throws Exception {
        Path out = work.resolve("audit-verify.log");
        Process verify = command("audit-verify", "config/gateway.yml").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertThat(verify.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(verify.exitValue()).as(tail(out)).isZero();
        return verify.exitValue();
    }

    /** The test's statement waits for {@code key}: the gateway is stopped exactly there. */
    static void awaitWaiter(long key) throws Exception {
        await("a gateway statement waits on advisory lock " + key, Duration.ofSeconds(60), () -> count(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND CAST(objid AS bigint) = ?", key) > 0);
    }

    /** PostgreSQL rolls back a dead client's transaction once it notices the connection is gone. */
    static void awaitNoGatewaySessions() throws Exception {
        await("the killed gateway's sessions end", Duration.ofSeconds(60), () -> count(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = ?", TestDatabases.APP_ROLE) == 0);
    }

    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static long entries(String action, String decision, String target) {
        return decision == null
                ? count("SELECT count(*) FROM audit_entries WHERE action = ? AND target = ?", action, target)
                : count("SELECT count(*) FROM audit_entries WHERE action = ? AND decision = ? AND target = ?", action, decision, target);
    }

    static long count(String sql, Object... args) {
        return superuser.withHandle(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < args.length; i++) {
                query.bind(i, args[i]);
            }
            return query.mapTo(Long.class).one();
        });
    }

    static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
