package org.membergateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.GatewayTestApp;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPeople;
import org.membergateway.testing.UnionFixture;

/**
 * The gateway started on config/production.yml (its console appenders pointed at files, the only
 * override of its logging): the application log and the request log are JSON lines that Jackson
 * reads one object a line, with the fields the configuration names; after a day's kinds of work
 * (sign-ins failing into a lockout, decisions, an export built and downloaded, a refused read) no
 * line of either holds a member's value, a password or a passphrase; and no audit entry is among
 * the application log's lines (the trail's copy is a file of its own).
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class JsonLogsIntegrationTest {

    static final String ADMIN_PASSWORD = "json-logs-admin-password";
    static final Path LOGS = Path.of(GatewayTestApp.tempDir("json-logs"));
    static final Path APP_LOG = LOGS.resolve("application.jsonl");
    static final Path REQUEST_LOG = LOGS.resolve("requests.jsonl");
    static final DropwizardAppExtension<GatewayConfiguration> APP = GatewayTestApp.withConfig("config/production.yml",
            ADMIN_PASSWORD,
            ConfigOverride.config("logging.appenders[0].type", "file"),
            ConfigOverride.config("logging.appenders[0].currentLogFilename", APP_LOG.toString()),
            ConfigOverride.config("logging.appenders[0].archive", "false"),
            ConfigOverride.config("server.requestLog.appenders[0].type", "file"),
            ConfigOverride.config("server.requestLog.appenders[0].currentLogFilename", REQUEST_LOG.toString()),
            ConfigOverride.config("server.requestLog.appenders[0].archive", "false"),
            ConfigOverride.config("auth.lockout.maxFailures", "2"));
    static final String ADMIN = basic("admin", ADMIN_PASSWORD);
    static final String PRESIDENT = basic("president95", "president-95-password");
    static final Map<String, Object> ASK = Map.of("purpose", "LOCAL_COMMUNICATION", "scope", Map.of("type", "LOCAL", "id", "L095"),
            "audience", "MEMBERS", "channel", "EMAIL", "fields", List.of("first_name", "last_name", "home_email"),
            "justification", "Bargaining update");
    /** Values of the fixture's members and secrets of the test: none may reach a log line. */
    static final List<String> NEVER_LOGGED = List.of("Hoalogged", "Nguyenlogged", "json-log-members.test", "J95-",
            ADMIN_PASSWORD, "president-95-password", "lockme-95-password", "wrong-password", "Basic ");
    static final ObjectMapper JSON = new ObjectMapper();
    static ApiClient api;

    @BeforeAll
    static void setUp() {
        api = new ApiClient(APP.getLocalPort());
        Jdbi superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        UnionFixture.in(superuser).local("L095", "R3", "STATE_AGENCIES");
        superuser.useHandle(h -> h.execute("""
                INSERT INTO members (member_id, first_name, last_name, local_id, region, employer_group, membership_status,
                                     home_email)
                SELECT 'J95-' || i, 'Hoalogged' || i, 'Nguyenlogged' || i, 'L095', 'R3', 'STATE_AGENCIES', 'MEMBER',
                       'member' || i || '@json-log-members.test'
                FROM generate_series(1, 5) AS i"""));
        TestPeople.create(api, ADMIN, "president95", "Test president95", "president-95-password", "LOCAL_PRESIDENT", "L095");
        TestPeople.create(api, ADMIN, "lockme95", "Test lockme95", "lockme-95-password", "STAFF", null);
        TestPeople.acknowledgeEverything(api, APP.<GatewayApplication>getApplication().services().acknowledgements(),
                PRESIDENT, "Test president95");
    }

    @Test
    void theApplicationAndRequestLogsAreJsonLinesWithoutMemberData() {
        for (int i = 0; i < 3; i++) {
            assertThat(api.get("/api/v1/me", basic("lockme95", "wrong-password-" + i)).statusCode()).isIn(401, 429);
        }
        HttpResponse<String> asked = api.postJson("/api/v1/list-requests", PRESIDENT, ASK);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        HttpResponse<String> built = api.postJson("/api/v1/list-requests/" + json(asked).path("id").asLong() + "/exports",
                PRESIDENT, Map.of("encryption", "PASSPHRASE"));
        assertThat(built.statusCode()).as(built.body()).isEqualTo(201);
        String passphrase = json(built).path("passphrase").asText();
        assertThat(passphrase).isNotBlank();
        assertThat(api.getBytes("/api/v1/exports/" + json(built).path("id").asText(), PRESIDENT).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/list-requests/999999?q=Hoalogged1", PRESIDENT).statusCode()).isEqualTo(404);

        // The lockout's warning and the last request reach the files (the appenders write asynchronously).
        List<JsonNode> application = awaitJsonLines(APP_LOG,
                line -> line.path("message").asText().contains("A username was locked"));
        List<JsonNode> requests = awaitJsonLines(REQUEST_LOG, line -> line.toString().contains("/api/v1/list-requests/999999"));

        assertThat(application).allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.fieldNames()).toIterable().contains("timestamp", "level", "logger", "message");
            assertThat(line.has("mdc")).as("no MDC is written").isFalse();
            assertThat(java.time.OffsetDateTime.parse(line.path("timestamp").asText())).as("ISO 8601").isNotNull();
        });
        assertThat(application).anySatisfy(line -> assertThat(line.path("logger").asText())
                .startsWith("org.membergateway."));
        assertThat(application).as("the audit trail's copy is a file of its own")
                .noneSatisfy(line -> assertThat(line.path("logger").asText()).isEqualTo("org.membergateway.audit.trail"));
        assertThat(requests).allSatisfy(line -> assertThat(line.isObject()).isTrue());
        JsonNode notFound = requests.stream().filter(line -> line.toString().contains("/api/v1/list-requests/999999"))
                .findFirst().orElseThrow();
        assertThat(notFound.path("status").asInt()).as(notFound.toString()).isEqualTo(404);
        assertThat(notFound.path("method").asText()).isEqualTo("GET");
        assertThat(notFound.toString()).as("the path only, not its query string").doesNotContain("Hoalogged1", "q=");

        List<String> never = new ArrayList<>(NEVER_LOGGED);
        never.add(passphrase);
        for (Path file : List.of(APP_LOG, REQUEST_LOG)) {
            String text = read(file);
            for (String value : never) {
                assertThat(text).as("%s never holds %s", file.getFileName(), value).doesNotContain(value);
            }
        }
    }

    /** Every line of the file parsed as JSON, once one of them matches {@code until} (bounded wait). */
    static List<JsonNode> awaitJsonLines(Path file, Predicate<JsonNode> until) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<JsonNode> lines = new ArrayList<>();
            if (Files.exists(file)) {
                String text = read(file);
                // A line still being written is read next time round.
                String complete = text.substring(0, text.lastIndexOf('\n') + 1);
                for (String line : complete.split("\n")) {
                    if (line.isBlank()) {
                        continue;
                    }
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new AssertionError("not a JSON line of " + file.getFileName() + ": " + line, e);
                    }
                }
            }
            if (lines.stream().anyMatch(until)) {
                return lines;
            }
            assertThat(System.nanoTime()).as("the expected line in %s within 30 s", file.getFileName()).isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
