package org.membergateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.time.Clock;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.exports.ExportBlobStore;
import org.membergateway.exports.ExportShredder;
import org.membergateway.policy.PolicyException;
import org.membergateway.retention.PurgeBusyException;
import org.membergateway.retention.PurgeReport;
import org.membergateway.retention.RetentionPurge;
import org.membergateway.retention.RetentionSchedule;

/**
 * {@code purge [--dry-run] [config]} (docs/operations-retention.md): the same as
 * {@code POST /api/v1/retention/purge?dryRun=true|false}, printing the same JSON. The purge's
 * disposals are recorded in the audit trail with actor {@code cli}. Exit 1 if another purge is
 * running, the schedule does not load or the trail cannot record (then nothing was disposed of).
 */
public final class PurgeCommand extends GatewayCommand {

    public PurgeCommand() {
        super("purge", "Disposes of records past their retention (policies/retention.yml); --dry-run only counts them");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--dry-run").dest("dry_run").action(Arguments.storeTrue())
                .help("count per record type what would go, and change nothing");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        // The schedule first: a bad file is reported before the database is touched.
        RetentionSchedule schedule = RetentionSchedule.load(configuration.getPolicy().source());
        boolean dryRun = Boolean.TRUE.equals(namespace.getBoolean("dry_run"));
        try (GatewayDatabase database = configuration.openDatabase()) {
            Jdbi jdbi = database.jdbi();
            try (AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), jdbi, jdbi,
                    configuration.keyPassphrase(), org.membergateway.crypto.keystore.SealedKeys.configured(
                            configuration.getKeys(), jdbi))) {
                ExportBlobStore blobs = new ExportBlobStore(new org.membergateway.crypto.keystore.SharedKeys(
                        org.membergateway.crypto.keystore.SealedKeys.configured(configuration.getKeys(), jdbi),
                        configuration.dataPath().resolve("keys"), audit.trail())
                        .exportWrapping(configuration.getRetention().getExportWrappingKey()));
                RetentionPurge purge = new RetentionPurge(jdbi, schedule, new ExportShredder(jdbi, blobs, audit.trail()),
                        audit.trail(), Clock.system(configuration.getPolicy().zone()));
                PurgeReport report = purge.run(dryRun, "cli");
                System.out.println(new ObjectMapper().writeValueAsString(report));
            }
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof PurgeBusyException || e instanceof PolicyException || e instanceof DatabaseUnavailableException
                || e instanceof AuditUnavailableException) {
            cli.getStdErr().println("purge: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
