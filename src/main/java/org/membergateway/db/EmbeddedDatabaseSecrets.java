package org.membergateway.db;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.membergateway.crypto.SecretFiles;

/**
 * The passwords of the embedded PostgreSQL's two login roles (the superuser that owns the schema,
 * and the application's role), generated at first start into {@code keys/} (mode 600, like the
 * gateway's other keys). The embedded server asks every connection for one (SCRAM-SHA-256), so
 * a local user who cannot read these files cannot read the members or rewrite the audit trail.
 */
public final class EmbeddedDatabaseSecrets {

    public static final String SUPERUSER_FILE = "embedded-postgres-superuser-password";
    public static final String APPLICATION_FILE = "embedded-postgres-app-password";
    private static final int BYTES = 32;

    private final Path superuserFile;
    private final char[] superuser;
    private final char[] application;

    private EmbeddedDatabaseSecrets(Path superuserFile, char[] superuser, char[] application) {
        this.superuserFile = superuserFile;
        this.superuser = superuser;
        this.application = application;
    }

    /** True when both password files exist under {@code keysDir}. */
    static boolean exist(Path keysDir) {
        return Files.exists(keysDir.resolve(SUPERUSER_FILE)) && Files.exists(keysDir.resolve(APPLICATION_FILE));
    }

    /** Reads both passwords, generating (mode 600) whichever is missing. */
    static EmbeddedDatabaseSecrets loadOrCreate(Path keysDir) {
        try {
            return new EmbeddedDatabaseSecrets(keysDir.resolve(SUPERUSER_FILE), read(keysDir, SUPERUSER_FILE),
                    read(keysDir, APPLICATION_FILE));
        } catch (IOException e) {
            throw new DatabaseUnavailableException("Could not read or create the embedded database's passwords in "
                    + keysDir + ": " + e.getMessage(), e);
        }
    }

    /** The superuser's password file: initdb reads it ({@code --pwfile}) when it creates the cluster. */
    Path superuserFile() {
        return superuserFile;
    }

    String superuserPassword() {
        return new String(superuser);
    }

    char[] superuserPasswordChars() {
        return superuser.clone();
    }

    String applicationPassword() {
        return new String(application);
    }

    char[] applicationPasswordChars() {
        return application.clone();
    }

    @Override
    public String toString() {
        return "EmbeddedDatabaseSecrets[REDACTED]";
    }

    private static char[] read(Path keysDir, String name) throws IOException {
        Path file = keysDir.resolve(name);
        if (!Files.exists(file)) {
            create(keysDir, file);
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (text.length() < 32 || !text.chars().allMatch(c -> c >= 0x21 && c < 0x7f)) {
            throw new DatabaseUnavailableException("The embedded database password in " + file
                    + " is not 32 or more printable ASCII characters", null);
        }
        return text.toCharArray();
    }

    private static void create(Path keysDir, Path file) throws IOException {
        byte[] secret = new byte[BYTES];
        new SecureRandom().nextBytes(secret);
        // base64url: one line of plain characters, as initdb --pwfile and a JDBC property both take it.
        byte[] text = (Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        SecretFiles.createOwnerOnly(keysDir, file, text);
    }
}
