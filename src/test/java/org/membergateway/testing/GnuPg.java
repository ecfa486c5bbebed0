package org.membergateway.testing;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real GnuPG in a throw-away home directory, driven the way a recipient would drive it. A
 * missing {@code gpg} fails the test (never skips it): exports must open with GnuPG, and only
 * GnuPG can say they do.
 */
public final class GnuPg implements AutoCloseable {

    /** Exit code, standard output, and standard error, which carries the {@code --status-fd} lines. */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Whether a status line has exactly this keyword, e.g. {@code GOODSIG}. */
        public boolean statusHas(String keyword) {
            return stderr.lines().anyMatch(line -> line.startsWith("[GNUPG:] " + keyword + " ")
                    || line.equals("[GNUPG:] " + keyword));
        }

        /** Whether a status line starts with this, e.g. {@code VALIDSIG <fingerprint>}. */
        public boolean has(String statusLine) {
            return stderr.lines().anyMatch(line -> line.startsWith("[GNUPG:] " + statusLine));
        }

        /** The status lines alone, for assertion messages. */
        public String status() {
            return String.join("\n", stderr.lines().filter(line -> line.startsWith("[GNUPG:]")).toList());
        }
    }

    private final Path home;

    private GnuPg(Path home) {
        this.home = home;
    }

    public static GnuPg inTemporaryHome() {
        try {
            Process version = new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            if (version.waitFor() != 0) {
                fail("`gpg --version` failed; install GnuPG 2.2 (Debian: apt-get install gnupg)");
            }
            Path home = Files.createTempDirectory("gnupg-test",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new GnuPg(home);
        } catch (IOException e) {
            return fail("GnuPG (`gpg`) is not installed, and the export tests decrypt with the real gpg:"
                    + " install gnupg (Debian: apt-get install gnupg). " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path home() {
        return home;
    }

    /**
     * Generates a key without a passphrase and returns its fingerprint. "default" is pinned to what
     * GnuPG 2.2.17+ makes (RSA-3072 with an RSA-3072 encryption subkey) and self-signatures to
     * SHA-256, so that every 2.2 release makes a key the gateway accepts (README, HTTP API: no RSA
     * under 3072 bits, no SHA-1 self-signatures); {@code extra} comes after and may override both.
     */
    public String generateKey(String userId, String algorithm, String usage, String expiry, String... extra) {
        List<String> args = new ArrayList<>(List.of("--default-new-key-algo", "rsa3072/cert,sign+rsa3072/encr",
                "--cert-digest-algo", "SHA256"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--passphrase", "", "--quick-gen-key", userId, algorithm, usage, expiry));
        Result result = run(null, args.toArray(String[]::new));
        if (result.exitCode() != 0) {
            fail("gpg could not generate a key: " + result.stderr());
        }
        Result list = run(null, "--with-colons", "--list-keys", userId);
        return list.stdout().lines().filter(line -> line.startsWith("fpr:")).findFirst()
                .map(line -> line.split(":")[9])
                .orElseThrow();
    }

    public String exportPublicKey(String fingerprint) {
        return run(null, "--armor", "--export", fingerprint).stdout();
    }

    public String exportSecretKey(String fingerprint) {
        return run(null, "--passphrase", "", "--armor", "--export-secret-keys", fingerprint).stdout();
    }

    public void importKey(String armored) {
        Result result = run(armored.getBytes(StandardCharsets.US_ASCII), "--import");
        if (result.exitCode() != 0) {
            fail("gpg could not import a key: " + result.stderr());
        }
    }

    /**
     * A temporary home holding the gateway's public key (from {@code GET /api/v1/keys/openpgp}), so
     * that gpg checks the signature of every export and decrypting one succeeds.
     */
    public static GnuPg trustingGateway(ApiClient api) {
        GnuPg gpg = inTemporaryHome();
        gpg.importKey(api.get("/api/v1/keys/openpgp", null).body());
        return gpg;
    }

    /** Decrypts a message made with a one-time passphrase (an export's {@code PASSPHRASE}); fails the test if gpg does. */
    public String decryptWithPassphrase(byte[] message, String passphrase) {
        try {
            Path file = Files.createTempFile(home, "export", ".gpg");
            Files.write(file, message);
            Result plain = run(passphrase.getBytes(StandardCharsets.UTF_8), "--pinentry-mode", "loopback",
                    "--passphrase-fd", "0", "--decrypt", file.toString());
            if (plain.exitCode() != 0) {
                fail("gpg could not decrypt: " + plain.stderr());
            }
            return plain.stdout();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code gpg --import}, returning how it went (a test may expect it to fail). */
    public Result importKeys(String armored) {
        return run(armored.getBytes(StandardCharsets.US_ASCII), "--import");
    }

    /** {@code gpg --verify signature data}, as a third party checks a detached signature. */
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

    /** Runs gpg in batch mode with the status lines on standard error. */
    public Result run(byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch",
                "--no-tty", "--status-fd", "2"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(home, "stdout", ".txt");
            Path err = Files.createTempFile(home, "stderr", ".txt");
            Path in = Files.createTempFile(home, "stdin", ".txt");
            Files.write(in, stdin == null ? new byte[0] : stdin);
            Process process = new ProcessBuilder(command)
                    .redirectInput(in.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("gpg did not finish within 2 minutes: " + command);
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(in);
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "all")
                    .redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // No agent was started, or gpgconf is missing: nothing to stop.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
