package org.membergateway.cli;

import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.membergateway.demo.SyntheticUnion;
import org.membergateway.members.MemberCsv;

/**
 * {@code generate-members --members N [--seed S] --out FILE}: writes the demo's synthetic union as a
 * members CSV, for trying imports and for benchmarks. The data is fictional.
 */
public final class GenerateMembersCommand extends Command {

    public GenerateMembersCommand() {
        super("generate-members", "Writes a deterministic synthetic members CSV (fictional people)");
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("--members").type(Integer.class).setDefault(DemoCommand.DEFAULT_MEMBERS)
                .help("number of members (default " + DemoCommand.DEFAULT_MEMBERS + ")");
        subparser.addArgument("--seed").type(Long.class).setDefault(DemoCommand.DEFAULT_SEED)
                .help("random seed; the same seed gives the same file");
        subparser.addArgument("--out").required(true).metavar("FILE").help("CSV file to write; - for standard output");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        SyntheticUnion union = new SyntheticUnion(namespace.getLong("seed"), namespace.getInt("members"));
        String out = namespace.getString("out");
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(
                "-".equals(out) ? System.out : Files.newOutputStream(Path.of(out)), StandardCharsets.UTF_8), 1 << 16)) {
            MemberCsv.write(union.members(), writer);
        }
    }
}
