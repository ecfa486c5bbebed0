package org.membergateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code gpg} binary in a throw-away home directory: what a third party would run to
 * check the gateway's signatures, with no trust in this code.
 */
public final class GnuPg implements AutoCloseable {

    /** How gpg ended: exit code, its machine-readable status lines ({@code --status-fd}) and stderr. */
    public record Result(int exitCode, String status, String stderr) {
        public boolean has(String statusLine) {
            return status.lines().anyMatch(l -> l.startsWith("[GNUPG:] " + statusLine));
        }
    }

    private final Path home;

    private GnuPg(Path home) {
        this.home = home;
    }

    public static GnuPg inTemporaryHome() {
        try {
            Path home = Files.createTempDirectory("gnupg-home", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            return new GnuPg(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the gpg-agent that importing a secret key or signing starts, and removes the home directory. */
    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all").start().waitFor(30, TimeUnit.SECONDS);
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public Path home() {
        return home;
    }

    public Result importKeys(String armored) {
        return run(armored.getBytes(StandardCharsets.US_ASCII), "--import");
    }

    /** {@code gpg --verify signature data}. */
    public Result verify(String armoredSignature, byte[] data) {
        try {
            Path dir = Files.createTempDirectory(home, "verify");
            Path signature = Files.writeString(dir.resolve("receipt.txt.asc"), armoredSignature, StandardCharsets.US_ASCII);
            Path file = Files.write(dir.resolve("receipt.txt"), data);
            return run(null, "--verify", signature.toString(), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--status-fd", "1"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).start();
            if (stdin != null) {
                process.getOutputStream().write(stdin);
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            byte[] err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("gpg did not finish");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
