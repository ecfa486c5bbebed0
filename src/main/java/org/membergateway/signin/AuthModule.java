package org.membergateway.signin;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import java.nio.file.Path;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.ServerSecret;
import org.membergateway.directory.BootstrapAdmin;
import org.membergateway.directory.CampaignsResource;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.PeopleDao;
import org.membergateway.directory.PeopleResource;
import org.membergateway.directory.VendorCredentialDao;
import org.membergateway.http.JsonBodyErrorMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and the directory, built from the configuration and wired into Jersey; the
 * application creates one at start. docs/auth.md describes the design.
 */
public final class AuthModule {

    /** Metric: Argon2id computations so far (sign-ins served from the cache add none). */
    public static final String ARGON2_METRIC = MetricRegistry.name(GatewayAuthenticator.class, "argon2-computations");
    public static final String CACHE_METRIC = MetricRegistry.name(GatewayAuthenticator.class, "cached-sign-ins");
    private static final Logger LOG = LoggerFactory.getLogger(AuthModule.class);

    private final PasswordHasher hasher;
    private final ApiKeys apiKeys;
    private final DirectoryService directory;
    private final GatewayAuthenticator authenticator;

    private AuthModule(PasswordHasher hasher, ApiKeys apiKeys, DirectoryService directory,
                       GatewayAuthenticator authenticator) {
        this.hasher = hasher;
        this.apiKeys = apiKeys;
        this.directory = directory;
        this.authenticator = authenticator;
    }

    /**
     * @param dataDir where {@code keys/api-key-secret} lives when no secret is configured
     * @param sharedDatabase true when the database is external (other instances may share it)
     */
    public static AuthModule create(AuthConfiguration configuration, Path dataDir, boolean sharedDatabase, Jdbi jdbi,
                                    AuditTrail audit) {
        ServerSecret secret = serverSecret(configuration, dataDir, sharedDatabase);
        PasswordHasher hasher = new PasswordHasher(configuration.getArgon2().parameters());
        ApiKeys apiKeys = new ApiKeys(secret);
        DirectoryService directory = new DirectoryService(jdbi, hasher, audit);
        LoginThrottle throttle = new LoginThrottle(jdbi, Clock.systemUTC(), configuration.getLockout());
        GatewayAuthenticator authenticator = new GatewayAuthenticator(jdbi.onDemand(PeopleDao.class),
                jdbi.onDemand(VendorCredentialDao.class), hasher, apiKeys, secret, throttle, audit,
                Clock.systemUTC(), configuration.getCredentialCacheTtl().toJavaDuration(),
                configuration.getCredentialCacheMaxEntries());
        return new AuthModule(hasher, apiKeys, directory, authenticator);
    }

    /** The directory service alone, for commands that change people without serving (no cache, no throttle). */
    public static DirectoryService directoryOnly(AuthConfiguration configuration, Jdbi jdbi, AuditTrail audit) {
        return new DirectoryService(jdbi, new PasswordHasher(configuration.getArgon2().parameters()), audit);
    }

    private static ServerSecret serverSecret(AuthConfiguration configuration, Path dataDir, boolean sharedDatabase) {
        if (!configuration.getApiKeySecret().isEmpty()) {
            return ServerSecret.of(configuration.getApiKeySecret());
        }
        Path keys = dataDir.resolve("keys");
        if (sharedDatabase) {
            LOG.warn("GATEWAY_API_KEY_SECRET is not set: using {}/{}. Every gateway instance that shares this"
                    + " database needs the same secret, or vendor API keys work on one instance only.",
                    keys, ServerSecret.FILE_NAME);
        }
        return ServerSecret.loadOrCreate(keys);
    }

    /** Creates {@code admin} from {@code GATEWAY_BOOTSTRAP_ADMIN_PASSWORD} if no ADMIN exists. */
    public void bootstrap(AuthConfiguration configuration) {
        BootstrapAdmin.createIfNoAdmin(directory, configuration.getBootstrapAdminPassword());
    }

    /** Access control on every resource method, the directory's resources and the JSON body error mapper. */
    public void register(JerseyEnvironment jersey) {
        jersey.register(new AccessControlFeature(authenticator));
        jersey.register(new JsonBodyErrorMapper());
        jersey.register(new PeopleResource(directory));
        jersey.register(new CampaignsResource(directory));
        jersey.register(new WhoAmIResource());
    }

    public void registerMetrics(MetricRegistry metrics) {
        metrics.register(ARGON2_METRIC, (Gauge<Long>) authenticator::argon2Computations);
        metrics.register(CACHE_METRIC, (Gauge<Long>) authenticator::cachedSignIns);
    }

    public DirectoryService directory() {
        return directory;
    }

    public GatewayAuthenticator authenticator() {
        return authenticator;
    }

    public ApiKeys apiKeys() {
        return apiKeys;
    }

    public PasswordHasher hasher() {
        return hasher;
    }
}
