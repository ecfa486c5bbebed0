package org.membergateway.cli;

import io.dropwizard.core.cli.ConfiguredCommand;
import net.sourceforge.argparse4j.inf.Argument;
import net.sourceforge.argparse4j.inf.Subparser;
import org.membergateway.GatewayConfiguration;

/**
 * A one-shot command on the gateway's configuration; the configuration file argument may be left
 * out and defaults to {@code config/gateway.yml} (or the copy packaged in the jar).
 */
abstract class GatewayCommand extends ConfiguredCommand<GatewayConfiguration> {

    GatewayCommand(String name, String description) {
        super(name, description);
    }

    @Override
    protected Argument addFileArgument(Subparser subparser) {
        return super.addFileArgument(subparser).setDefault(FileOrClasspathSourceProvider.DEFAULT_CONFIG);
    }
}
