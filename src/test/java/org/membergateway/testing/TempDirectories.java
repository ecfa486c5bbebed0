package org.membergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary directories for tests that are removed when the test JVM exits, so that runs do not
 * pile up keys, policies and data directories in the machine's temporary directory.
 *
 * <p>A directory still holding a running PostgreSQL ({@code postmaster.pid}) is left alone: the
 * server's own shutdown hook stops it at the same time, and removing its files first would leave
 * the server running.
 */
public final class TempDirectories {

    private static final List<Path> CREATED = new ArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempDirectories::removeAll, "test-temp-directories"));
    }

    private TempDirectories() {
    }

    /** A new, empty directory whose name starts with {@code prefix}. */
    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            synchronized (CREATED) {
                CREATED.add(dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void removeAll() {
        List<Path> dirs;
        synchronized (CREATED) {
            dirs = List.copyOf(CREATED);
        }
        for (Path dir : dirs) {
            try (Stream<Path> inside = Files.walk(dir)) {
                List<Path> paths = inside.sorted(Comparator.reverseOrder()).toList();
                if (paths.stream().anyMatch(p -> p.getFileName().toString().equals("postmaster.pid"))) {
                    continue;
                }
                for (Path p : paths) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException | UncheckedIOException e) {
                // Best effort at exit: a directory that cannot be removed stays, as it would have before.
            }
        }
    }
}
