package org.membergateway.cli;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the configuration from the named file, or, when the default {@code config/gateway.yml} is
 * not there (the jar run from another directory), from the copy packaged in the jar.
 */
public final class FileOrClasspathSourceProvider implements ConfigurationSourceProvider {

    public static final String DEFAULT_CONFIG = "config/gateway.yml";
    private static final String PACKAGED_CONFIG = "gateway.yml";

    @Override
    public InputStream open(String path) throws IOException {
        Path file = Path.of(path);
        if (Files.isRegularFile(file)) {
            return Files.newInputStream(file);
        }
        if (DEFAULT_CONFIG.equals(path)) {
            InputStream packaged = getClass().getClassLoader().getResourceAsStream(PACKAGED_CONFIG);
            if (packaged != null) {
                return packaged;
            }
        }
        throw new FileNotFoundException("Configuration file not found: " + path);
    }
}
