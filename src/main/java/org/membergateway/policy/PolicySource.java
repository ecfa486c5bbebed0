package org.membergateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the policy files come from (the {@code policies/} tree of the repository): by default the
 * copy bundled in the jar (classpath {@code policies/}), or a directory named by
 * {@code policy.directory} / {@code GATEWAY_POLICY_DIR} that replaces it as a whole. Paths are
 * relative to that root, e.g. {@code documents/index.yml} or {@code rules.yml}; every loader of
 * policy files (documents, rules, field catalogue) reads through one of these so they all come
 * from the same place.
 */
public final class PolicySource {

    /** Where the bundled copy lives on the classpath. */
    public static final String CLASSPATH_ROOT = "policies/";
    /** Relative paths: no absolute paths, no "..", nothing a file name would not need. */
    private static final Pattern RELATIVE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

    private final Path directory;

    private PolicySource(Path directory) {
        this.directory = directory;
    }

    /** The policy bundled in the jar. */
    public static PolicySource bundled() {
        return new PolicySource(null);
    }

    /** The policy in {@code directory}, which must exist. */
    public static PolicySource directory(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new PolicyException("The policy directory " + absolute
                    + " (policy.directory / GATEWAY_POLICY_DIR) does not exist or is not a directory");
        }
        return new PolicySource(absolute);
    }

    /** {@code policy.directory} as configured: empty = the bundled policy. */
    public static PolicySource configured(String directory) {
        return directory == null || directory.isBlank() ? bundled() : directory(Path.of(directory.strip()));
    }

    public boolean isBundled() {
        return directory == null;
    }

    /**
     * The bytes of a policy file, or empty if there is no such file.
     *
     * @param maxBytes a file longer than this is refused (a policy text is small; a huge one is a mistake)
     */
    public Optional<byte[]> read(String relativePath, int maxBytes) {
        if (relativePath == null || !RELATIVE_PATH.matcher(relativePath).matches() || relativePath.contains("..")) {
            throw new PolicyException("Not a relative policy file path: " + relativePath
                    + " (letters, digits, '.', '_', '-' and '/' only, no '..')");
        }
        try (InputStream in = open(relativePath)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new PolicyException(describe(relativePath) + " is longer than " + maxBytes + " bytes");
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + describe(relativePath) + ": " + e.getMessage(), e);
        }
    }

    private InputStream open(String relativePath) throws IOException {
        if (directory == null) {
            return PolicySource.class.getClassLoader().getResourceAsStream(CLASSPATH_ROOT + relativePath);
        }
        Path file = directory.resolve(relativePath).normalize();
        if (!file.startsWith(directory) || !Files.isRegularFile(file)) {
            return null;
        }
        return Files.newInputStream(file);
    }

    /** How error messages name a file: {@code policies/documents/index.yml (bundled in the jar)} or its full path. */
    public String describe(String relativePath) {
        return directory == null
                ? CLASSPATH_ROOT + relativePath + " (bundled in the jar)"
                : directory.resolve(relativePath).toString();
    }

    @Override
    public String toString() {
        return directory == null ? "bundled policy (classpath " + CLASSPATH_ROOT + ")" : "policy directory " + directory;
    }
}
