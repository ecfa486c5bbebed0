package org.membergateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.acknowledgements.AcknowledgementsResource;
import org.membergateway.acknowledgements.PolicyDocuments;
import org.membergateway.acknowledgements.PolicyDocumentsResource;
import org.membergateway.audit.AuditResource;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableMapper;
import org.membergateway.cli.AuditVerifyCommand;
import org.membergateway.cli.DemoCommand;
import org.membergateway.cli.FileOrClasspathSourceProvider;
import org.membergateway.cli.GenerateMembersCommand;
import org.membergateway.cli.ImportMembersCommand;
import org.membergateway.cli.OpenPgpRotateCommand;
import org.membergateway.cli.PersonCommand;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.crypto.OpenPgpKeyResource;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.exports.ExportExceptionMappers;
import org.membergateway.exports.ExportService;
import org.membergateway.exports.ExportsConfiguration;
import org.membergateway.exports.ExportsResource;
import org.membergateway.exports.RequestExportsResource;
import org.membergateway.exports.VendorExtractsResource;
import org.membergateway.http.ApiExceptionMapper;
import org.membergateway.http.DatabaseUnavailableMapper;
import org.membergateway.http.InvalidParameterMapper;
import org.membergateway.http.OpenApiResource;
import org.membergateway.http.SecurityHeaders;
import org.membergateway.http.UnreadBodyClosesConnection;
import org.membergateway.directory.DirectoryPolicyFacts;
import org.membergateway.members.ImportException;
import org.membergateway.members.MemberSelectionDao;
import org.membergateway.members.ImportExceptionMapper;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MembersResource;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.DecisionsResource;
import org.membergateway.policy.Policy;
import org.membergateway.policy.PolicyEngine;
import org.membergateway.members.MemberCsv;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.ListRequestsResource;
import org.membergateway.signin.AuthModule;
import org.membergateway.vendors.ServiceProfiles;
import org.membergateway.vendors.VendorDestructionResource;
import org.membergateway.vendors.VendorService;
import org.membergateway.vendors.VendorsResource;
import org.slf4j.LoggerFactory;

public class GatewayApplication extends Application<GatewayConfiguration> {

    /** Exit status of a command whose input file was rejected (as opposed to 1 for a failure). */
    public static final int EXIT_BAD_INPUT = 2;

    private volatile GatewayServices services;

    public static void main(String[] args) throws Exception {
        new GatewayApplication().run(args);
    }

    @Override
    public String getName() {
        return "member-gateway";
    }

    @Override
    public void initialize(Bootstrap<GatewayConfiguration> bootstrap) {
        // A misspelt field in a request body is a 400 naming it (JsonBodyErrorMapper), not silently
        // dropped: "justificaton" must not become a request without a justification.
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addCommand(new ImportMembersCommand());
        bootstrap.addCommand(new GenerateMembersCommand());
        bootstrap.addCommand(new AuditVerifyCommand());
        bootstrap.addCommand(new PersonCommand());
        bootstrap.addCommand(new OpenPgpRotateCommand());
    }

    @Override
    public void run(GatewayConfiguration configuration, Environment environment) {
        // A policy that does not load or a key that does not unlock stops the start before the
        // database is touched: nothing is decided under a broken policy.
        PolicySource policySource = configuration.getPolicy().source();
        PolicyDocuments policyDocuments = PolicyDocuments.load(policySource);
        Policy policy = PolicyLoader.load(policySource, MemberCsv.COLUMNS);
        ServiceProfiles vendorProfiles = ServiceProfiles.load(policySource, policy.fields());
        GatewayOpenPgpKey openPgpKey = GatewayOpenPgpKey.open(configuration.getOpenpgp(), configuration.dataPath(),
                configuration.usesEmbeddedDatabase());
        GatewayDatabase database = configuration.openDatabase();
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
        AcknowledgementService acknowledgements = new AcknowledgementService(jdbi, policyDocuments, openPgpKey,
                audit.trail(), Clock.systemUTC(), configuration.getAcknowledgements().getValidity());
        Clock clock = Clock.system(configuration.getPolicy().zone());
        DecisionService decisions = new DecisionService(new PolicyEngine(policy), new DirectoryPolicyFacts(jdbi),
                new MemberSelectionDao(jdbi), acknowledgements, audit.trail(), clock);
        ListRequestService requests = new ListRequestService(jdbi, decisions, audit.trail(), configuration.getRequests(), clock);
        ExportService exports = new ExportService(jdbi, requests, decisions, openPgpKey, audit.trail(),
                configuration.getExports(), clock);
        VendorService vendors = new VendorService(jdbi, vendorProfiles, policy.fields(), auth.apiKeys(), requests,
                audit.trail(), configuration.getVendors(), clock);
        // Vendor extracts are re-decided on their own agreement and encrypted to the key it pinned.
        exports.useVendorKeys(vendors.agreements());
        services = new GatewayServices(database, jdbi, importer, audit.trail(), auth, openPgpKey, policyDocuments,
                acknowledgements, decisions, requests, exports);
        scheduleExportSweep(environment, exports, configuration.getExports());

        // A request refused before its body was read must not leave a connection that looks reusable.
        environment.servlets().addFilter("unread-body-closes-connection", new UnreadBodyClosesConnection())
                .addMappingForUrlPatterns(java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST), true, "/*");
        var jersey = environment.jersey();
        jersey.register(new SecurityHeaders());
        auth.register(jersey);
        jersey.register(new ImportExceptionMapper());
        jersey.register(new DatabaseUnavailableMapper());
        jersey.register(new AuditUnavailableMapper());
        jersey.register(new InvalidParameterMapper());
        jersey.register(new ApiExceptionMapper());
        jersey.register(new MembersResource(importer, configuration.getImports().getMaxRows()));
        jersey.register(new AuditResource(audit));
        jersey.register(new PolicyDocumentsResource(policyDocuments));
        jersey.register(new AcknowledgementsResource(acknowledgements));
        jersey.register(new OpenPgpKeyResource(openPgpKey));
        jersey.register(new DecisionsResource(decisions));
        ListRequestsResource listRequests = new ListRequestsResource(requests, request -> exports.exportsOf(request.id()), clock);
        jersey.register(listRequests);
        jersey.register(new RequestExportsResource(exports));
        jersey.register(new ExportsResource(exports));
        jersey.register(new VendorExtractsResource(exports));
        for (Object mapper : ExportExceptionMappers.all()) {
            jersey.register(mapper);
        }
        jersey.register(new VendorsResource(vendors, listRequests));
        jersey.register(new VendorDestructionResource(vendors));
        jersey.register(new OpenApiResource(version()));
    }

    /** Destroys expired and used-up exports on a schedule; a failed sweep is logged and retried next time. */
    private static void scheduleExportSweep(Environment environment, ExportService exports, ExportsConfiguration config) {
        ScheduledExecutorService sweeper = environment.lifecycle().scheduledExecutorService("export-sweep").threads(1).build();
        long every = config.getSweepEvery().toMilliseconds();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                exports.sweep();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ExportService.class).warn("Export sweep failed; retrying in {} ms: {}", every, e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
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
