package org.membergateway;

import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditResource;
import org.membergateway.audit.AuditService;
import org.membergateway.auth.AuthModule;
import org.membergateway.cli.AuditVerifyCommand;
import org.membergateway.cli.DemoCommand;
import org.membergateway.cli.FileOrClasspathSourceProvider;
import org.membergateway.cli.GenerateMembersCommand;
import org.membergateway.cli.ImportMembersCommand;
import org.membergateway.cli.PersonCommand;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.http.AuditUnavailableMapper;
import org.membergateway.http.DatabaseUnavailableMapper;
import org.membergateway.http.ImportExceptionMapper;
import org.membergateway.http.InvalidParameterMapper;
import org.membergateway.http.OpenApiResource;
import org.membergateway.http.SecurityHeaders;
import org.membergateway.members.ImportException;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MembersResource;
import org.membergateway.policy.AcknowledgementLookup;
import org.membergateway.policy.AcknowledgementStatus;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.DecisionsResource;
import org.membergateway.policy.Policy;
import org.membergateway.policy.PolicyEngine;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.requests.ListRequestExceptionMapper;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.ListRequestsResource;

public class GatewayApplication extends Application<GatewayConfiguration> {

    /** Exit status of a command whose input file was rejected (as opposed to 1 for a failure). */
    public static final int EXIT_BAD_INPUT = 2;

    private volatile GatewayServices services;

    /** Until acknowledgements can be signed, nobody has one: the gate stays shut. */
    private static final AcknowledgementLookup NO_ACKNOWLEDGEMENTS = new AcknowledgementLookup() {
        @Override
        public AcknowledgementStatus status(String username, Instant now) {
            return AcknowledgementStatus.MISSING;
        }

        @Override
        public String whereToSign() {
            return "";
        }
    };

    public static void main(String[] args) throws Exception {
        new GatewayApplication().run(args);
    }

    @Override
    public String getName() {
        return "member-gateway";
    }

    @Override
    public void initialize(Bootstrap<GatewayConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addCommand(new ImportMembersCommand());
        bootstrap.addCommand(new GenerateMembersCommand());
        bootstrap.addCommand(new AuditVerifyCommand());
        bootstrap.addCommand(new PersonCommand());
    }

    @Override
    public void run(GatewayConfiguration configuration, Environment environment) {
        GatewayDatabase database = GatewayDatabase.open(configuration);
        // Registered first so it is stopped last, after the connection pool.
        environment.lifecycle().manage(database);
        Jdbi jdbi = new JdbiFactory().build(environment, database.dataSourceFactory(), "postgresql");
        // Managed after the pool, so it stops before it: queued entries are flushed while connections remain.
        AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), jdbi);
        environment.lifecycle().manage(audit);
        // People and vendors authenticate; every resource method is checked against its role annotation.
        AuthModule auth = AuthModule.create(configuration.getAuth(), configuration.dataPath(),
                !configuration.usesEmbeddedDatabase(), jdbi, audit.trail());
        auth.bootstrap(configuration.getAuth());
        auth.registerMetrics(environment.metrics());
        MemberImporter importer = new MemberImporter(jdbi, audit.trail());
        // A policy that does not load stops the gateway here: nothing is decided under a broken policy.
        Policy policy = PolicyLoader.load(configuration.getPolicy().source());
        Clock clock = Clock.system(configuration.getPolicy().zone());
        DecisionService decisions = new DecisionService(new PolicyEngine(policy), jdbi, NO_ACKNOWLEDGEMENTS, audit.trail(), clock);
        services = new GatewayServices(database, jdbi, importer, audit.trail(), auth, decisions);

        var jersey = environment.jersey();
        jersey.register(new SecurityHeaders());
        auth.register(jersey);
        jersey.register(new ImportExceptionMapper());
        jersey.register(new DatabaseUnavailableMapper());
        jersey.register(new AuditUnavailableMapper());
        jersey.register(new InvalidParameterMapper());
        jersey.register(new MembersResource(importer, configuration.getImports().getMaxRows()));
        jersey.register(new AuditResource(audit));
        jersey.register(new DecisionsResource(decisions));
        ListRequestService requests = new ListRequestService(jdbi, decisions, audit.trail(), configuration.getRequests(), clock);
        jersey.register(new ListRequestsResource(requests, request -> List.of(), clock));
        jersey.register(new ListRequestExceptionMapper());
        jersey.register(new OpenApiResource(version()));
    }

    /** What {@link #run} built; commands that serve (demo) use it before the server starts. */
    public GatewayServices services() {
        if (services == null) {
            throw new IllegalStateException("the application has not been started");
        }
        return services;
    }

    static String version() {
        String version = GatewayApplication.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    protected void onFatalError(Throwable t) {
        System.exit(t instanceof ImportException ? EXIT_BAD_INPUT : 1);
    }
}
