package org.membergateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.CheckCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.views.common.ViewMessageBodyWriter;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.ServerSecret;
import org.membergateway.directory.BootstrapAdmin;
import org.membergateway.directory.CampaignService;
import org.membergateway.directory.CampaignsResource;
import org.membergateway.directory.DirectoryService;
import org.membergateway.directory.PeopleDao;
import org.membergateway.directory.PeopleResource;
import org.membergateway.directory.ScopeLookups;
import org.membergateway.directory.ScopeLookupsResource;
import org.membergateway.directory.VendorCredentialDao;
import org.membergateway.http.HeadRefusedFeature;
import org.membergateway.http.JerseyErrorMapper;
import org.membergateway.http.JettyErrorHandler;
import org.membergateway.http.JsonBodyErrorMapper;
import org.membergateway.http.JsonLimits;
import org.membergateway.http.RequestBodyLimit;
import org.membergateway.http.UnexpectedErrorMapper;
import org.membergateway.signin.AccessControlFeature;
import org.membergateway.signin.AuthConfiguration;
import org.membergateway.signin.GatewayAuthenticator;
import org.membergateway.signin.LoginThrottle;
import org.membergateway.signin.WhoAmIResource;
import org.membergateway.acknowledgements.AcknowledgementService;
import org.membergateway.web.SignInPage;
import org.membergateway.web.Pages;
import org.membergateway.web.PageResponses;
import org.membergateway.web.HomePage;
import org.membergateway.web.AcknowledgementPages;
import org.membergateway.web.LeaderPage;
import org.membergateway.web.PeoplePages;
import org.membergateway.members.LeaderContacts;
import org.membergateway.web.RequestPages;
import org.membergateway.web.ApprovalPages;
import org.membergateway.web.AssetsResource;
import org.membergateway.signin.WebSessions;
import org.membergateway.acknowledgements.AcknowledgementsResource;
import org.membergateway.acknowledgements.PolicyDocuments;
import org.membergateway.acknowledgements.PolicyDocumentsResource;
import org.membergateway.audit.AuditResource;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditUnavailableMapper;
import org.membergateway.audit.AuditFlags;
import org.membergateway.audit.AuditHealthCheck;
import org.membergateway.audit.AuditIntegrity;
import org.membergateway.audit.AuditReleases;
import org.membergateway.audit.AuditReport;
import org.membergateway.web.AuditPages;
import org.membergateway.cli.AuditVerifyCommand;
import org.membergateway.cli.DemoCommand;
import org.membergateway.cli.GatewayServerCommand;
import org.membergateway.cli.FileOrClasspathSourceProvider;
import org.membergateway.cli.GenerateMembersCommand;
import org.membergateway.cli.ImportMembersCommand;
import org.membergateway.cli.OpenPgpRotateCommand;
import org.membergateway.cli.ExportWrappingRotateCommand;
import org.membergateway.cli.PurgeCommand;
import org.membergateway.cli.PersonCommand;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.crypto.OpenPgpKeyResource;
import org.membergateway.crypto.keystore.MasterKey;
import org.membergateway.crypto.keystore.SealedKeys;
import org.membergateway.crypto.keystore.SharedKeys;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.directory.DirectoryPolicyFacts;
import org.membergateway.directory.RoleGrantsResource;
import org.membergateway.elections.ElectionCalendar;
import org.membergateway.elections.ElectionPolicy;
import org.membergateway.elections.ElectionService;
import org.membergateway.elections.ElectionsResource;
import org.membergateway.elections.VotingRecordImporter;
import org.membergateway.elections.VotingRecordsResource;
import org.membergateway.exports.ExportBlobStore;
import org.membergateway.exports.ExportKeyWrapping;
import org.membergateway.retention.RetentionPurge;
import org.membergateway.retention.RetentionResource;
import org.membergateway.retention.RetentionSchedule;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.exports.ExportDao;
import org.membergateway.exports.ExportDownloads;
import org.membergateway.exports.ExportKeyMapper;
import org.membergateway.exports.ExportShredder;
import org.membergateway.exports.ExportStoreHealthCheck;
import org.membergateway.crypto.KeysHealthCheck;
import org.membergateway.db.DatabaseHealthCheck;
import org.membergateway.metrics.GatewayMetrics;
import org.membergateway.metrics.PrometheusEndpoint;
import org.membergateway.exports.ExportSweeper;
import org.membergateway.exports.ExportsResource;
import org.membergateway.exports.ExtractAgreements;
import org.membergateway.exports.LeakTraceResource;
import org.membergateway.exports.LeakTracer;
import org.membergateway.exports.RequestExportsResource;
import org.membergateway.exports.VendorExtractsResource;
import org.membergateway.http.ApiExceptionMapper;
import org.membergateway.http.ClientAddress;
import org.membergateway.http.DatabaseUnavailableMapper;
import org.membergateway.http.InvalidParameterMapper;
import org.membergateway.http.OpenApiResource;
import org.membergateway.http.SecurityHeaders;
import org.membergateway.http.UnreadBodyClosesConnection;
import org.membergateway.members.ImportException;
import org.membergateway.members.ImportExceptionMapper;
import org.membergateway.members.MemberCsv;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MemberSelectionDao;
import org.membergateway.members.MembersResource;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.DecisionsResource;
import org.membergateway.policy.Policy;
import org.membergateway.policy.PolicyEngine;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.CampaignRules;
import org.membergateway.policy.PolicySource;
import org.membergateway.requests.ExportedEarlierLists;
import org.membergateway.requests.ListRequestService;
import org.membergateway.requests.ListRequestViews;
import org.membergateway.requests.ListRequestsResource;
import org.membergateway.requests.RequestDeniedMapper;
import org.membergateway.vendors.ServiceProfiles;
import org.membergateway.vendors.VendorDestructionResource;
import org.membergateway.vendors.VendorExtractAgreements;
import org.membergateway.vendors.VendorService;
import org.membergateway.vendors.VendorsResource;
import org.membergateway.vendors.VendorOverview;
import org.membergateway.web.VendorPages;
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

    /** Dropwizard's server command, replaced by one that refuses demo-only set-ups (README, Configuration). */
    @Override
    protected void addDefaultCommands(Bootstrap<GatewayConfiguration> bootstrap) {
        bootstrap.addCommand(new GatewayServerCommand(this));
        bootstrap.addCommand(new CheckCommand<>(this));
    }

    @Override
    public void initialize(Bootstrap<GatewayConfiguration> bootstrap) {
        // A misspelt field in a request body is a 400 naming it (JsonBodyErrorMapper), not silently
        // dropped: "justificaton" must not become a request without a justification.
        bootstrap.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // No body makes the parser do unbounded work: string, number, name and nesting limits.
        JsonLimits.apply(bootstrap.getObjectMapper());
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                new FileOrClasspathSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new DemoCommand(this));
        bootstrap.addCommand(new ImportMembersCommand());
        bootstrap.addCommand(new GenerateMembersCommand());
        bootstrap.addCommand(new AuditVerifyCommand());
        bootstrap.addCommand(new PersonCommand());
        bootstrap.addCommand(new OpenPgpRotateCommand());
        bootstrap.addCommand(new PurgeCommand());
        bootstrap.addCommand(new ExportWrappingRotateCommand());
        bootstrap.addCommand(new org.membergateway.cli.RotateKeysCommand());
    }

    @Override
    public void run(GatewayConfiguration configuration, Environment environment) {
        // Dropwizard's default exception mappers answer in their own {"code": ...} shape; ours
        // (registered in serve) answer every error, Jersey's own included, in the one error body.
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        // And what Jetty refuses before Jersey sees it (headers over the limit, say) likewise on /api/.
        JettyErrorHandler jettyErrors = new JettyErrorHandler(configuration.maxRequestHeaderBytes());
        environment.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(jettyErrors));
        // A policy that does not load or a key that does not unlock stops the start before the
        // database is touched: nothing is decided under a broken policy.
        PolicySource policySource = configuration.getPolicy().source();
        PolicyDocuments policyDocuments = PolicyDocuments.load(policySource);
        Policy policy = PolicyLoader.load(policySource, MemberCsv.COLUMNS);
        ServiceProfiles vendorProfiles = ServiceProfiles.load(policySource, policy.fields());
        RetentionSchedule retentionSchedule = RetentionSchedule.load(policySource);
        ElectionPolicy electionPolicy = ElectionPolicy.load(policySource);
        GatewayOpenPgpKey openPgpKey = GatewayOpenPgpKey.open(configuration.getOpenpgp(), configuration.dataPath(),
                configuration.usesEmbeddedDatabase());
        // A master key that is malformed or missing its file stops the start here, before the database.
        Optional<MasterKey> masterKey = MasterKey.configured(configuration.getKeys());
        GatewayDatabase database = configuration.openDatabase();
        // Registered first so it is stopped last, after the connection pool.
        environment.lifecycle().manage(database);
        // The admin port has no authentication: its log-level task may only make logging quieter, and
        // never that of the audit trail's copy (replaces Dropwizard's task of the same name).
        environment.admin().addTask(new RestrictedLogLevelTask());
        // GET /prometheus on the admin port; the services below count into it (docs/operations.md).
        GatewayMetrics metrics = PrometheusEndpoint.install(environment);
        Jdbi jdbi = GatewayDatabase.configure(new JdbiFactory().build(environment, database.dataSourceFactory(), "postgresql"));
        // The audit writer's own connections: requests wait for it while holding one of the pool's.
        Jdbi auditWriter = GatewayDatabase.configure(new JdbiFactory().build(environment,
                database.auditWriterDataSourceFactory(), "audit-writer"));
        // Managed after both pools, so it stops before them: queued entries are flushed while connections remain.
        // With a master key, signing keys and secrets come from the database (crypto.keystore), shared by every instance.
        Optional<SealedKeys> sealedKeys = masterKey.map(key -> new SealedKeys(jdbi, key, Clock.systemUTC()));
        SharedKeys.noteIfShareable(sealedKeys, !configuration.usesEmbeddedDatabase(), configuration.dataPath().resolve("keys"));
        AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), jdbi, auditWriter,
                configuration.keyPassphrase(), sealedKeys, metrics);
        environment.lifecycle().manage(audit);
        // One clock, in the union's time zone: campaigns, agreements and acknowledgements run by calendar day there.
        Clock clock = clock(configuration.getPolicy().zone());
        registerHealthChecks(environment, configuration, jdbi, audit, openPgpKey, clock);
        // Failed sign-ins and refused reads: one entry per source, name and window, then a summary.
        AuditTally refusals = new AuditTally(jdbi, audit.trail(), clock, configuration.getAudit().getTallies());
        // People and vendors authenticate; every resource method is checked against its role annotation.
        AuthConfiguration authConfig = configuration.getAuth();
        SharedKeys sharedKeys = new SharedKeys(sealedKeys, configuration.dataPath().resolve("keys"), audit.trail());
        ServerSecret serverSecret = sharedKeys.serverSecret(authConfig.getApiKeySecret(), !configuration.usesEmbeddedDatabase());
        PasswordHasher hasher = new PasswordHasher(authConfig.getArgon2().parameters());
        ApiKeys apiKeys = new ApiKeys(serverSecret);
        GatewayAuthenticator authenticator = new GatewayAuthenticator(jdbi.onDemand(PeopleDao.class),
                jdbi.onDemand(VendorCredentialDao.class), hasher, apiKeys, serverSecret,
                new LoginThrottle(jdbi, clock, authConfig.getLockout()), audit.trail(), refusals, clock,
                authConfig.getCredentialCacheTtl().toJavaDuration(), authConfig.getCredentialCacheMaxEntries(), metrics);
        // The directory shows and ends sign-in lockouts, which the authenticator keeps.
        DirectoryService directory = new DirectoryService(jdbi, hasher, audit.trail(), clock, authenticator);
        BootstrapAdmin.createIfNoAdmin(directory, authConfig.getBootstrapAdminPassword());
        // What leaders publish for their role (confidentiality §6): /leaders shows it, the API sets it.
        org.membergateway.directory.PublishedContacts publishedContacts =
                new org.membergateway.directory.PublishedContacts(jdbi, audit.trail(), clock);
        authenticator.registerMetrics(environment.metrics());
        WebSessions sessions = new WebSessions(jdbi, authenticator, serverSecret, audit.trail(), clock, authConfig);
        MemberImporter importer = new MemberImporter(jdbi, audit.trail());
        MemberSelectionDao memberSelections = new MemberSelectionDao(jdbi);
        AcknowledgementService acknowledgements = new AcknowledgementService(jdbi, policyDocuments, openPgpKey,
                audit.trail(), clock, configuration.getAcknowledgements().getValidity());
        DirectoryPolicyFacts policyFacts = new DirectoryPolicyFacts(jdbi, clock);
        DecisionService decisions = new DecisionService(new PolicyEngine(policy), policyFacts,
                memberSelections, acknowledgements, audit.trail(), clock,
                new ExportedEarlierLists(jdbi), configuration.getPolicy().getRowCapWindow().toJavaDuration(), metrics);
        ListRequestService requests = new ListRequestService(jdbi, decisions, audit.trail(), refusals,
                configuration.getRequests(), clock);
        ScopeLookups scopes = new ScopeLookups(jdbi, policy, clock);
        ElectionService elections = new ElectionService(jdbi, electionPolicy, audit.trail(), clock);
        ElectionCalendar electionCalendar = new ElectionCalendar(jdbi, policyFacts, electionPolicy, clock);
        CampaignService campaigns = new CampaignService(jdbi, CampaignRules.load(policySource), configuration.getCampaigns(),
                audit.trail());
        // Exports reach the vendors' agreements and the requests' views through ports, so neither
        // capability knows the other's tables.
        ExtractAgreements extractAgreements = new VendorExtractAgreements(jdbi, vendorProfiles);
        // Export data keys are wrapped under a key kept outside the database (docs/operations-retention.md).
        if (configuration.getRetention().getExportWrappingKey().isBlank() && !configuration.usesEmbeddedDatabase()
                && sealedKeys.isEmpty()) {
            LoggerFactory.getLogger(GatewayApplication.class).warn("GATEWAY_EXPORT_WRAPPING_KEY is not set: using"
                    + " {}/keys/{}. Every gateway instance that shares this database needs the same key, or exports"
                    + " built on one instance cannot be downloaded from another.", configuration.dataPath(),
                    ExportKeyWrapping.FILE_NAME);
        }
        ExportBlobStore blobs = new ExportBlobStore(sharedKeys.exportWrapping(configuration.getRetention().getExportWrappingKey()),
                configuration.getExports().getStoreQuotaBytes());
        environment.healthChecks().register("exportStore", new ExportStoreHealthCheck(jdbi, blobs));
        // Keys stored before they were wrapped (V19) are wrapped now: none is left readable from a backup alone.
        int wrappedKeys = blobs.wrapUnwrappedKeys(jdbi);
        if (wrappedKeys > 0) {
            LoggerFactory.getLogger(GatewayApplication.class).info("Wrapped {} export data keys stored unwrapped",
                    wrappedKeys);
        }
        ExportShredder shredder = new ExportShredder(jdbi, blobs, audit.trail());
        ExportBuilder exportBuilder = new ExportBuilder(jdbi, requests, policy, extractAgreements, memberSelections, blobs,
                openPgpKey, audit.trail(), configuration.getExports(), clock, metrics);
        ExportDownloads downloads = new ExportDownloads(jdbi, blobs, shredder, extractAgreements, audit.trail(), refusals,
                clock);
        ExportSweeper sweeper = new ExportSweeper(jdbi, shredder, audit.trail(), configuration.getExports(), clock);
        // Builds a crash left BUILDING (heartbeat older than exports.stalledAfter) fail now, not at the first sweep.
        sweepStalledAtStart(sweeper, clock);
        org.membergateway.exports.PaperCopies paperCopies = new org.membergateway.exports.PaperCopies(jdbi, requests, policy,
                memberSelections, audit.trail(), configuration.getExports(), clock);
        LeakTracer leakTracer = new LeakTracer(jdbi, audit.trail());
        ExportDao exportRecords = jdbi.onDemand(ExportDao.class);
        ListRequestViews requestViews = new ListRequestViews(exportRecords::summaries, clock);
        VendorService vendors = new VendorService(jdbi, vendorProfiles, policy.fields(), apiKeys, requests,
                audit.trail(), configuration.getVendors(), clock);
        services = new GatewayServices(database, jdbi, importer, audit.trail(), directory, authenticator, apiKeys, openPgpKey,
                policyDocuments, acknowledgements, decisions, requests, sweeper, refusals, exportBuilder);
        // Expired and used-up exports are destroyed, and sessions nobody can use any more removed, on a schedule.
        schedule(environment, "export-sweep", configuration.getExports().getSweepEvery().toJavaDuration(), sweeper::sweep);
        schedule(environment, "web-session-sweep", java.time.Duration.ofMinutes(10), sessions::sweep);
        // The records purge: every instance asks, one purges, once a day (RetentionPurge.runIfDue).
        // Candidates' literature and official notices go to vendors through the extract flow above (docs/elections.md).
        org.membergateway.elections.mailings.ElectionMailingService electionMailings =
                new org.membergateway.elections.mailings.ElectionMailingService(jdbi, new DirectoryPolicyFacts(jdbi),
                        memberSelections, vendors, exportBuilder, audit.trail(), clock);
        RetentionPurge retention = new RetentionPurge(jdbi, retentionSchedule, shredder, audit.trail(), clock);
        schedule(environment, "retention-purge", configuration.getRetention().getCheckEvery().toJavaDuration(),
                retention::runIfDue);
        schedule(environment, "audit-tally-summaries",
                configuration.getAudit().getTallies().getSummariseEvery().toJavaDuration(), refusals::summariseClosedWindows);
        // Exports asked for on the pages build here, two at a time, so the page answers at once and
        // shows the progress; more than a few waiting is answered "busy".
        ExecutorService pageExportBuilds = environment.lifecycle().executorService("page-export-build-%d").minThreads(2)
                .maxThreads(2).workQueue(new ArrayBlockingQueue<>(8)).build();
        // Candidates' list inspection (29 CFR 452.71): view-only pages of names and addresses, each audited.
        org.membergateway.elections.inspection.InspectionService inspections =
                new org.membergateway.elections.inspection.InspectionService(jdbi, audit.trail(), refusals, clock,
                        configuration.getInspections().getDuration().toJavaDuration());
        AssetsResource assets = new AssetsResource();
        Pages pages = new Pages(assets.version(), clock.getZone());
        environment.jersey().register(new ViewMessageBodyWriter(environment.metrics(), List.of(Pages.renderer())));
        environment.jersey().register(new PageResponses(pages));

        // Every resource the gateway serves, in one list: a class not named here is not served.
        serve(environment, authenticator, sessions, List.of(
                assets,
                new SignInPage(pages, sessions),
                new HomePage(pages, acknowledgements, requests, clock, directory, elections, electionMailings),
                new AcknowledgementPages(pages, acknowledgements, openPgpKey),
                new LeaderPage(pages, new LeaderContacts(decisions, memberSelections,
                        jdbi.onDemand(org.membergateway.directory.PublishedContactDao.class), audit.trail(), clock),
                        publishedContacts),
                new PeoplePages(pages, directory),
                new org.membergateway.web.RoleGrantPages(pages, directory),
                new org.membergateway.web.PersonPages(pages, directory),
                new org.membergateway.web.CampaignPages(pages, campaigns),
                new RequestPages(pages, requests, decisions, directory, scopes, exportBuilder, downloads,
                        exportRecords::summaries, paperCopies, pageExportBuilds, clock),
                new ApprovalPages(pages, requests, campaigns, clock),
                new WhoAmIResource(),
                new PeopleResource(directory),
                new org.membergateway.directory.PublishedContactResource(publishedContacts),
                new RoleGrantsResource(directory),
                new CampaignsResource(campaigns, scopes),
                new ScopeLookupsResource(scopes),
                new MembersResource(importer, configuration.getImports().getMaxRows()),
                new VotingRecordsResource(new VotingRecordImporter(jdbi, audit.trail(), clock),
                        configuration.getImports().getMaxRows()),
                new ElectionsResource(elections, electionCalendar),
                new AuditResource(audit),
                new AuditPages(pages, audit, new AuditIntegrity(audit, jdbi), new AuditReleases(jdbi, clock),
                        new AuditFlags(jdbi, clock).withElectionWindows(electionCalendar::since),
                        new AuditReport(jdbi, audit.trail(), clock)),
                new PolicyDocumentsResource(policyDocuments),
                new AcknowledgementsResource(acknowledgements),
                new OpenPgpKeyResource(openPgpKey),
                new DecisionsResource(decisions),
                new ListRequestsResource(requests, requestViews),
                new RequestExportsResource(exportBuilder),
                new ExportsResource(downloads),
                new LeakTraceResource(leakTracer),
                new VendorExtractsResource(downloads),
                new VendorsResource(vendors, requestViews),
                new VendorPages(pages, new VendorOverview(jdbi, vendors, exportRecords::summaries, clock)),
                new VendorDestructionResource(vendors),
                new org.membergateway.elections.mailings.ElectionMailingsResource(electionMailings),
                new org.membergateway.elections.mailings.ElectionNoticesResource(electionMailings),
                new RetentionResource(retention),
                new org.membergateway.elections.inspection.InspectionsResource(inspections),
                new org.membergateway.web.InspectionPages(pages, inspections, clock),
                new org.membergateway.web.ElectionPages(pages, elections, electionCalendar, electionMailings, inspections,
                        vendors, clock),
                new org.membergateway.web.LiteraturePages(pages, electionMailings),
                new OpenApiResource(version())));
    }

    /**
     * Registers the resources behind what every request passes: security headers, authentication
     * and deny-by-default access control, and the mappers that turn exceptions into answers.
     */
    private static void serve(Environment environment, GatewayAuthenticator authenticator, WebSessions sessions,
                              List<Object> resources) {
        // A request refused before its body was read must not leave a connection that looks reusable.
        environment.servlets().addFilter("unread-body-closes-connection", new UnreadBodyClosesConnection())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        // Failed sign-ins are tallied per source address: the filters read it from here.
        environment.servlets().addFilter("client-address", new ClientAddress())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        var jersey = environment.jersey();
        jersey.register(new SecurityHeaders());
        // Every body a resource reads is capped while it is read (members imports bound themselves).
        jersey.register(new RequestBodyLimit());
        jersey.register(new AccessControlFeature(authenticator, sessions));
        jersey.register(new HeadRefusedFeature());
        for (Object mapper : List.of(new UnexpectedErrorMapper(), new JerseyErrorMapper(), new JsonBodyErrorMapper(),
                new ImportExceptionMapper(), new DatabaseUnavailableMapper(),
                new AuditUnavailableMapper(), new InvalidParameterMapper(), new ApiExceptionMapper(), new RequestDeniedMapper(),
                new ExportKeyMapper())) {
            jersey.register(mapper);
        }
        resources.forEach(jersey::register);
    }

    /**
     * {@code GET /healthcheck} on the admin port, beside the pools' own checks ({@code postgresql},
     * {@code audit-writer}) and the export store's: the database answers; the trail may be appended
     * to and its entries are signed into checkpoints in time (a role that lost its INSERT on the
     * trail can answer nothing but 503); the keys sign. Witness freshness is not checked: the gateway
     * pushes to no witness yet (docs/operations.md).
     */
    private static void registerHealthChecks(Environment environment, GatewayConfiguration configuration, Jdbi jdbi,
                                             AuditService audit, GatewayOpenPgpKey openPgpKey, Clock clock) {
        environment.healthChecks().register("database", new DatabaseHealthCheck(jdbi));
        environment.healthChecks().register("audit", new AuditHealthCheck(jdbi, clock,
                configuration.getAudit().checkpointWaitLimit().orElse(null)));
        environment.healthChecks().register("keys", new KeysHealthCheck(openPgpKey, audit::checkpointKeyWorks,
                audit.verifierKey()));
    }

    /** Runs {@code job} every {@code every} on a thread of its own; a failed run is logged and tried again next time. */
    /** A failure here is logged and left to the scheduled sweep, which tries again: starting does not depend on it. */
    private static void sweepStalledAtStart(ExportSweeper sweeper, Clock clock) {
        try {
            int failed = sweeper.failStalled(java.time.OffsetDateTime.now(clock)).size();
            if (failed > 0) {
                LoggerFactory.getLogger(GatewayApplication.class).info("Marked {} stalled export builds FAILED", failed);
            }
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(GatewayApplication.class).warn("stalled builds not swept at start; the schedule"
                    + " tries again: {}", e.toString());
        }
    }

    private static void schedule(Environment environment, String name, java.time.Duration every, Runnable job) {
        ScheduledExecutorService schedule = environment.lifecycle().scheduledExecutorService(name).threads(1).build();
        schedule.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(GatewayApplication.class).warn("{} failed; trying again in {}: {}", name, every,
                        e.toString());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The one clock every service is given, in the union's zone. Tests that must move time through
     * the running server (tally windows) override it.
     */
    protected Clock clock(ZoneId zone) {
        return Clock.system(zone);
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
