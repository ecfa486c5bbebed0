package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.members.ImportException;
import org.membergateway.members.ImportResult;
import org.membergateway.members.MemberCsvReader;
import org.membergateway.members.MemberImporter;

/**
 * {@code import-members --csv FILE [config]}: loads a members CSV all-or-nothing.
 * Exit 0 on success, 2 when the file is rejected (line and column on stderr), 1 otherwise.
 */
public final class ImportMembersCommand extends GatewayCommand {

    public ImportMembersCommand() {
        super("import-members", "Imports members from a CSV file (README, Members CSV), all-or-nothing");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--csv")
                .required(true)
                .metavar("FILE")
                .help("members CSV (RFC 4180, UTF-8, header row); - reads standard input");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        String csv = namespace.getString("csv");
        long started = System.nanoTime();
        try (InputStream in = "-".equals(csv) ? System.in : openFile(csv);
             GatewayDatabase database = configuration.openDatabase();
             MemberCsvReader rows = MemberCsvReader.open(in, configuration.getImports().getMaxRows())) {
            Jdbi jdbi = database.jdbi();
            ImportResult result;
            try (AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), jdbi, jdbi,
                    configuration.keyPassphrase(), org.membergateway.crypto.keystore.SealedKeys.configured(
                            configuration.getKeys(), jdbi))) {
                ProgressLine progress = new ProgressLine(System.err, "staged");
                result = new MemberImporter(jdbi, audit.trail()).importRows(rows, actor(), progress);
            }
            long nanos = System.nanoTime() - started;
            System.out.printf(Locale.ROOT, "Imported %,d rows: %,d inserted, %,d updated, %,d unchanged"
                            + " in %.1f s (%,d rows/s)%n",
                    result.rows(), result.inserted(), result.updated(), result.unchanged(),
                    nanos / 1e9, ProgressLine.rate(result.rows(), nanos));
        }
    }

    /** The audit trail names the operating-system account that ran the command. */
    private static String actor() {
        String user = System.getProperty("user.name", "unknown").replaceAll("[^A-Za-z0-9._@-]", "_");
        return "cli:" + (user.length() > 64 ? user.substring(0, 64) : user);
    }

    private static InputStream openFile(String csv) throws java.io.IOException {
        try {
            return Files.newInputStream(Path.of(csv));
        } catch (NoSuchFileException e) {
            throw new ImportException(0, null, "no such file: " + csv);
        }
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ImportException) {
            cli.getStdErr().println("import-members: " + e.getMessage() + "; nothing was imported");
        } else if (e instanceof DatabaseUnavailableException || e instanceof AuditUnavailableException) {
            cli.getStdErr().println("import-members: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }
}
