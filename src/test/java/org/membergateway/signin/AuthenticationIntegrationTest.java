package org.membergateway.signin;

import org.membergateway.testing.TempDirectories;
import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.testing.ApiClient.basic;
import static org.membergateway.testing.ApiClient.bearer;
import static org.membergateway.testing.ApiClient.json;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.GatewayApplication;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditLogSink;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.Role;
import org.membergateway.auth.ServerSecret;
import org.membergateway.http.AdminOnly;
import org.membergateway.testing.ApiClient;
import org.membergateway.testing.TestDatabases;
import org.membergateway.testing.TestPostgres;
import org.slf4j.LoggerFactory;

/**
 * Authentication over real HTTP against the real server on PostgreSQL, with the application
 * connecting as a non-owner role as in production. Lockout durations are shortened to seconds.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthenticationIntegrationTest {

    static final String ADMIN_PASSWORD = "bootstrap-admin-secret-1";
    static final String MEMBER_PASSWORD = "member-one-password";
    static final String STAFF_PASSWORD = "staff-one-password";
    static final String LOCKY_PASSWORD = "locky-right-password";
    static final String CACHEY_PASSWORD = "cachey-first-password";
    static final String CACHEY_NEW_PASSWORD = "cachey-second-password";
    static final String FRESH_PASSWORD = "fresh-never-used-password";
    static final String WRONG_PASSWORD = "not-the-password-at-all";
    static final Path DATA_DIR = tempDir();

    static final DropwizardAppExtension<GatewayConfiguration> APP = new DropwizardAppExtension<>(
            GatewayApplication.class, "config/gateway.yml",
            ConfigOverride.config("database.url", () -> TestPostgres.newDatabaseForRole(TestDatabases.APP_ROLE)),
            ConfigOverride.config("database.user", TestDatabases.APP_ROLE),
            ConfigOverride.config("database.migrationUser", "postgres"),
            ConfigOverride.config("dataDir", DATA_DIR.toString()),
            ConfigOverride.config("auth.bootstrapAdminPassword", ADMIN_PASSWORD),
            ConfigOverride.config("auth.lockout.maxFailures", "3"),
            ConfigOverride.config("auth.lockout.duration", "1s"),
            ConfigOverride.config("auth.lockout.maxDuration", "4s"),
            ConfigOverride.config("server.applicationConnectors[0].port", "0"),
            ConfigOverride.config("server.adminConnectors[0].port", "0"));

    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
    static final List<String> SECRETS = new CopyOnWriteArrayList<>(List.of(ADMIN_PASSWORD, MEMBER_PASSWORD,
            STAFF_PASSWORD, LOCKY_PASSWORD, CACHEY_PASSWORD, CACHEY_NEW_PASSWORD, FRESH_PASSWORD, WRONG_PASSWORD));
    static final Map<String, Level> SAVED_LEVELS = new java.util.HashMap<>();

    static ApiClient api;
    static Jdbi superuser;
    static String vendorKey;

    private static Path tempDir() {
        return TempDirectories.create("gateway-auth-it");
    }

    @BeforeAll
    static void setUp() {
        // Everything the gateway logs from here on, including Shiro's and our DEBUG lines and the audit log.
        LOGS.start();
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, AuditLogSink.LOGGER)) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(LOGS);
        }
        for (String name : List.of("org.apache.shiro", "org.membergateway.auth", "org.membergateway.directory")) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            SAVED_LEVELS.put(name, logger.getLevel());
            logger.setLevel(Level.DEBUG);
        }
        api = new ApiClient(APP.getLocalPort());
        superuser = GatewayDatabase.jdbi(TestDatabases.dataSource(APP.getConfiguration().getDatabase().getUrl(), "postgres"));
        String admin = basic("admin", ADMIN_PASSWORD);
        createPerson(admin, "member1", MEMBER_PASSWORD, "MEMBER");
        createPerson(admin, "staff1", STAFF_PASSWORD, "STAFF");
        createPerson(admin, "locky", LOCKY_PASSWORD, "MEMBER");
        createPerson(admin, "cachey", CACHEY_PASSWORD, "MEMBER");
        createPerson(admin, "fresh1", FRESH_PASSWORD, "STEWARD");
        ApiKeys keys = APP.<GatewayApplication>getApplication().services().apiKeys();
        vendorKey = keys.generate();
        SECRETS.add(vendorKey);
        superuser.useHandle(h -> h.execute("INSERT INTO vendors (name, api_key_digest) VALUES ('Mail house', ?)",
                (Object) keys.digest(vendorKey)));
    }

    @AfterAll
    static void tearDown() {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, AuditLogSink.LOGGER)) {
            ((Logger) LoggerFactory.getLogger(name)).detachAppender(LOGS);
        }
        SAVED_LEVELS.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    static void createPerson(String admin, String username, String password, String role) {
        HttpResponse<String> created = api.postJson("/api/v1/people", admin, Map.of("username", username,
                "displayName", "Test " + username, "password", password, "roles", List.of(role)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    static long argon2() {
        return APP.<GatewayApplication>getApplication().services().authenticator().argon2Computations();
    }

    static long audited(String action, String actor) {
        return superuser.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_entries WHERE action = :a AND actor = :u")
                .bind("a", action).bind("u", actor).mapTo(Long.class).one());
    }

    // ---- 401 ---------------------------------------------------------------------------

    @Test
    @Order(1)
    void withoutCredentialsEveryProtectedEndpointAnswers401WithAChallenge() {
        for (String path : List.of("/api/v1/me", "/api/v1/people/member1", "/api/v1/campaigns/1")) {
            HttpResponse<String> response = api.get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate"))
                    .containsExactly("Basic realm=\"member-gateway\", charset=\"UTF-8\"");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(json(response).path("error").asText()).isEqualTo("UNAUTHORIZED");
        }
        HttpResponse<String> importing = api.post("/api/v1/members/import", null, "text/csv", "member_id\n");
        assertThat(importing.statusCode()).isEqualTo(401);
        HttpResponse<String> vendor = api.get("/api/v1/vendor/me", null);
        assertThat(vendor.statusCode()).isEqualTo(401);
        assertThat(vendor.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"member-gateway\"");
        // Public: no credentials needed.
        assertThat(api.get("/api/v1/openapi.json", null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void aWrongPasswordAndAnUnknownUsernameLookTheSameAndBothCostArgon2id() {
        long before = argon2();
        HttpResponse<String> wrong = api.get("/api/v1/me", basic("member1", WRONG_PASSWORD));
        long afterWrong = argon2();
        HttpResponse<String> unknown = api.get("/api/v1/me", basic("nobody-here", WRONG_PASSWORD));
        long afterUnknown = argon2();
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.headers().allValues("WWW-Authenticate")).isEqualTo(wrong.headers().allValues("WWW-Authenticate"));
        assertThat(afterWrong - before).as("a wrong password runs Argon2id once").isEqualTo(1);
        assertThat(afterUnknown - afterWrong).as("an unknown username runs the decoy once").isEqualTo(1);
        assertThat(audited("LOGIN_FAILURE", "member1")).isEqualTo(1);
        assertThat(audited("LOGIN_FAILURE", "nobody-here")).as("a name that is no account, never in clear").isZero();
        String hashed = APP.<GatewayApplication>getApplication().services().authenticator().auditName("nobody-here");
        assertThat(hashed).matches("name-hmac:[0-9a-f]{32}");
        assertThat(audited("LOGIN_FAILURE", hashed)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void badInputIs401NeverA500() {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("no colon", "Basic " + Base64.getEncoder().encodeToString("member1".getBytes()));
        headers.put("not base64", "Basic !!!not-base64!!!");
        headers.put("not UTF-8", "Basic " + Base64.getEncoder().encodeToString(new byte[] {'a', 'b', ':', (byte) 0xC3, (byte) 0x28}));
        headers.put("empty Basic", "Basic ");
        headers.put("overlong username", basic("u".repeat(65), "whatever-password"));
        headers.put("username with control characters", basic("mem\nber1", MEMBER_PASSWORD));
        headers.put("overlong password", basic("member1", "p".repeat(1025)));
        headers.put("empty password", basic("member1", ""));
        headers.put("unknown scheme", "Digest username=\"member1\"");
        headers.put("scheme only", "Basic");
        long before = argon2();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            HttpResponse<String> response = api.get("/api/v1/me", header.getValue());
            assertThat(response.statusCode()).as(header.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(header.getKey()).isPresent();
            assertThat(json(response).path("error").asText()).as(header.getKey()).isEqualTo("MALFORMED_CREDENTIALS");
        }
        assertThat(argon2()).as("malformed credentials are refused before any hashing").isEqualTo(before);
    }

    // ---- 403 ---------------------------------------------------------------------------

    @Test
    @Order(4)
    void theWrongRoleIs403() {
        String member = basic("member1", MEMBER_PASSWORD);
        assertThat(api.get("/api/v1/me", member).statusCode()).isEqualTo(200);
        HttpResponse<String> importing = api.post("/api/v1/members/import", member, "text/csv", "member_id\n");
        assertThat(importing.statusCode()).isEqualTo(403);
        assertThat(json(importing).path("error").asText()).isEqualTo("FORBIDDEN");
        assertThat(api.postJson("/api/v1/people", member, Map.of("username", "x")).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/people/staff1", member).statusCode()).as("someone else's record").isEqualTo(403);
        assertThat(api.get("/api/v1/people/nonexistent", member).statusCode())
                .as("no hint whether the person exists").isEqualTo(403);
        assertThat(api.get("/api/v1/people/member1", member).statusCode()).as("one's own record").isEqualTo(200);
        assertThat(api.get("/api/v1/audit/entries", member).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/audit/entries", basic("staff1", STAFF_PASSWORD)).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(5)
    void everyResourceMethodDeclaresWhoMayCallIt() {
        List<String> undeclared = new ArrayList<>();
        for (Object resource : APP.getEnvironment().jersey().getResourceConfig().getSingletons()) {
            Class<?> type = resource.getClass();
            if (!type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                continue;
            }
            for (Method method : type.getMethods()) {
                boolean endpoint = method.isAnnotationPresent(GET.class) || method.isAnnotationPresent(POST.class)
                        || method.isAnnotationPresent(PUT.class) || method.isAnnotationPresent(DELETE.class);
                boolean declared = Set.of(RolesAllowed.class, PermitAll.class, DenyAll.class, AdminOnly.class).stream()
                        .anyMatch(a -> method.isAnnotationPresent(a) || type.isAnnotationPresent(a));
                if (endpoint && !declared) {
                    undeclared.add(type.getSimpleName() + "." + method.getName());
                }
            }
        }
        assertThat(undeclared).isEmpty();
    }

    // ---- lockout -----------------------------------------------------------------------

    @Test
    @Order(6)
    void repeatedFailuresLockTheUsernameWithBackOffAndTheLockExpires() throws Exception {
        String right = basic("locky", LOCKY_PASSWORD);
        String wrong = basic("locky", WRONG_PASSWORD);
        assertThat(api.get("/api/v1/me", wrong).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", wrong).statusCode()).isEqualTo(401);
        HttpResponse<String> third = api.get("/api/v1/me", wrong);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(json(third).path("error").asText()).isEqualTo("LOCKED");
        long argon2 = argon2();
        HttpResponse<String> locked = api.get("/api/v1/me", right);
        assertThat(locked.statusCode()).as("even the right password, while locked").isEqualTo(429);
        assertThat(argon2()).as("a locked name is refused before hashing").isEqualTo(argon2);
        assertThat(audited("LOCKOUT", "locky")).isEqualTo(1);

        Thread.sleep(1_100);
        // Back-off: the next lock lasts twice as long.
        api.get("/api/v1/me", wrong);
        api.get("/api/v1/me", wrong);
        HttpResponse<String> again = api.get("/api/v1/me", wrong);
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After")).hasValue("2");
        Thread.sleep(2_100);
        assertThat(api.get("/api/v1/me", right).statusCode()).as("the lock has expired").isEqualTo(200);
        assertThat(audited("LOCKOUT", "locky")).isEqualTo(2);
    }

    @Test
    @Order(7)
    void unknownUsernamesLockJustTheSame() {
        String ghost = basic("ghost-user", WRONG_PASSWORD);
        assertThat(api.get("/api/v1/me", ghost).statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/me", ghost).statusCode()).isEqualTo(401);
        HttpResponse<String> third = api.get("/api/v1/me", ghost);
        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(audited("LOCKOUT", "ghost-user")).as("locked, but a name that is no account is not written").isZero();
    }

    // ---- the verified-credentials cache -------------------------------------------------

    @Test
    @Order(8)
    void repeatedAuthenticatedCallsDoNotRerunArgon2id() {
        String fresh = basic("fresh1", FRESH_PASSWORD);
        long before = argon2();
        long first = System.nanoTime();
        assertThat(api.get("/api/v1/me", fresh).statusCode()).isEqualTo(200);
        double firstMs = (System.nanoTime() - first) / 1e6;
        long afterFirst = argon2();
        int calls = 300;
        long started = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            assertThat(api.get("/api/v1/me", fresh).statusCode()).isEqualTo(200);
        }
        double cachedMs = (System.nanoTime() - started) / 1e6 / calls;
        assertThat(afterFirst - before).as("the first call verifies the password").isEqualTo(1);
        assertThat(argon2()).as("%d more calls ran no Argon2id", calls).isEqualTo(afterFirst);
        // The sign-in alone, without HTTP: HMAC, cache lookup, one indexed read of the security stamp.
        GatewayAuthenticator authenticator = APP.<GatewayApplication>getApplication().services().authenticator();
        int signIns = 2_000;
        long direct = System.nanoTime();
        for (int i = 0; i < signIns; i++) {
            authenticator.person("fresh1", FRESH_PASSWORD.toCharArray());
        }
        double signInUs = (System.nanoTime() - direct) / 1e3 / signIns;
        assertThat(argon2()).isEqualTo(afterFirst);
        System.out.printf("GET /api/v1/me: first call %.1f ms (Argon2id), then %.2f ms per call over HTTP;"
                + " a cached sign-in alone costs %.0f us%n", firstMs, cachedMs, signInUs);
    }

    @Test
    @Order(9)
    void aLockoutEndsCachedSignInsAtOnce() throws Exception {
        String right = basic("cachey", CACHEY_PASSWORD);
        assertThat(api.get("/api/v1/me", right).statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/me", right).statusCode()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            api.get("/api/v1/me", basic("cachey", WRONG_PASSWORD));
        }
        assertThat(api.get("/api/v1/me", right).statusCode()).isEqualTo(429);
        Thread.sleep(1_100);
        assertThat(api.get("/api/v1/me", right).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(10)
    void aPasswordOrRoleChangeEndsCachedSignInsAtOnce() {
        var directory = APP.<GatewayApplication>getApplication().services().directory();
        String old = basic("cachey", CACHEY_PASSWORD);
        assertThat(api.get("/api/v1/me", old).statusCode()).isEqualTo(200);
        directory.createOrReset("test", "cachey", null, null, null, null, null, CACHEY_NEW_PASSWORD.toCharArray());
        assertThat(api.get("/api/v1/me", old).statusCode()).isEqualTo(401);
        String current = basic("cachey", CACHEY_NEW_PASSWORD);
        assertThat(json(api.get("/api/v1/me", current)).path("roles").toString()).isEqualTo("[\"MEMBER\"]");

        directory.createOrReset("test", "cachey", null, Set.of(Role.STAFF), null, null, null,
                CACHEY_NEW_PASSWORD.toCharArray());
        assertThat(json(api.get("/api/v1/me", current)).path("roles").toString())
                .as("the new role applies to the very next call").isEqualTo("[\"STAFF\"]");
    }

    // ---- vendors -----------------------------------------------------------------------

    @Test
    @Order(11)
    void aVendorKeyWorksOnlyAsBearerAndOnlyOnVendorEndpoints() {
        HttpResponse<String> me = api.get("/api/v1/vendor/me", bearer(vendorKey));
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).path("name").asText()).isEqualTo("Mail house");

        assertThat(api.get("/api/v1/vendor/me", basic("vendor", vendorKey)).statusCode())
                .as("as a Basic password").isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/me", "Basic " + Base64.getEncoder().encodeToString(vendorKey.getBytes())).statusCode())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/me?api_key=" + vendorKey, null).statusCode()).as("in the URL").isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/me", vendorKey).statusCode()).as("without a scheme").isEqualTo(401);
        HttpResponse<String> onPeople = api.get("/api/v1/me", bearer(vendorKey));
        assertThat(onPeople.statusCode()).as("on a people's endpoint").isEqualTo(401);
        assertThat(json(onPeople).path("error").asText()).isEqualTo("WRONG_SCHEME");
        assertThat(onPeople.headers().allValues("WWW-Authenticate")).allMatch(v -> v.startsWith("Basic"));
        assertThat(api.post("/api/v1/members/import", bearer(vendorKey), "text/csv", "member_id\n").statusCode())
                .isEqualTo(401);
        assertThat(api.get("/api/v1/vendor/me", basic("member1", MEMBER_PASSWORD)).statusCode())
                .as("a person's password on a vendor endpoint").isEqualTo(401);

        long failures = audited("LOGIN_FAILURE", "vendor:unknown");
        HttpResponse<String> bad = api.get("/api/v1/vendor/me", bearer(vendorKey.substring(0, vendorKey.length() - 1) + "x"));
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().allValues("WWW-Authenticate")).containsExactly("Bearer realm=\"member-gateway\"");
        assertThat(audited("LOGIN_FAILURE", "vendor:unknown")).isEqualTo(failures + 1);
        String stored = superuser.withHandle(h -> h.createQuery("SELECT encode(api_key_digest, 'hex') FROM vendors")
                .mapTo(String.class).one());
        assertThat(stored).hasSize(64).doesNotContain(vendorKey);
    }

    // ---- storage -----------------------------------------------------------------------

    @Test
    @Order(12)
    void passwordsAreStoredOnlyAsArgon2idAndTheSecretFileIsPrivate() throws Exception {
        List<String> hashes = superuser.withHandle(h -> h.createQuery("SELECT password_hash FROM people")
                .mapTo(String.class).list());
        assertThat(hashes).hasSizeGreaterThanOrEqualTo(5).allMatch(hash -> hash.startsWith("$argon2id$v=19$"));
        for (String secret : SECRETS) {
            assertThat(hashes).noneMatch(hash -> hash.contains(secret));
        }
        Path secretFile = DATA_DIR.resolve("keys").resolve(ServerSecret.FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile))).isEqualTo("rw-------");
    }

    // ---- fail closed ----------------------------------------------------------------------

    @Test
    @Order(13)
    void aFailureTheAuditTrailCannotRecordIsA503() {
        String admin = basic("admin", ADMIN_PASSWORD);
        assertThat(api.get("/api/v1/me", admin).statusCode()).isEqualTo(200);
        superuser.useHandle(h -> h.execute("REVOKE INSERT ON audit_entries FROM " + TestDatabases.APP_ROLE));
        try {
            // The first failure of its name in the window: an entry is due, and cannot be written.
            HttpResponse<String> failure = api.get("/api/v1/me", basic("staff1", WRONG_PASSWORD));
            assertThat(failure.statusCode()).isEqualTo(503);
            assertThat(json(failure).path("error").asText()).isEqualTo("AUDIT_UNAVAILABLE");
            HttpResponse<String> change = api.postJson("/api/v1/people", admin, Map.of("username", "unrecorded",
                    "displayName", "Not Recorded", "password", "unrecorded-password", "roles", List.of("MEMBER")));
            assertThat(change.statusCode()).isEqualTo(503);
        } finally {
            superuser.useHandle(h -> h.execute("GRANT INSERT ON audit_entries TO " + TestDatabases.APP_ROLE));
        }
        assertThat(api.get("/api/v1/people/unrecorded", admin).statusCode())
                .as("the unrecorded change was rolled back").isEqualTo(404);
    }

    // ---- logs ---------------------------------------------------------------------------

    @Test
    @Order(100)
    void noPasswordOrKeyAppearsInAnyLogLine() {
        List<ILoggingEvent> events = List.copyOf(LOGS.list);
        assertThat(events).as("the log capture works").isNotEmpty();
        List<String> encoded = SECRETS.stream()
                .map(s -> Base64.getEncoder().encodeToString(s.getBytes()))
                .toList();
        for (ILoggingEvent event : events) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            for (String secret : SECRETS) {
                assertThat(line).as("log line of %s", event.getLoggerName()).doesNotContain(secret);
            }
            for (String secret : encoded) {
                assertThat(line).doesNotContain(secret);
            }
        }
        assertThat(events).anyMatch(e -> e.getLoggerName().equals(AuditLogSink.LOGGER)
                && e.getFormattedMessage().contains("LOGIN_FAILURE"));
    }
}
