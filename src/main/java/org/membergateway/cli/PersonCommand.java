package org.membergateway.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.GatewayConfiguration;
import org.membergateway.audit.AuditService;
import org.membergateway.audit.AuditUnavailableException;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;
import org.membergateway.db.DatabaseUnavailableException;
import org.membergateway.db.GatewayDatabase;
import org.membergateway.directory.DirectoryException;
import org.membergateway.directory.DirectoryService;

/**
 * {@code person --username U [--display-name N] [--roles R,...] [--locals ...] [--regions ...]
 * [--employer-groups ...] [--password-stdin] [config]}: creates a person, or resets an existing
 * person's password (and display name, roles and scopes, when given). The password is read from
 * standard input or typed at the terminal, never taken from the command line, where other users
 * and the shell history would see it. The change is recorded in the audit trail (actor {@code cli}).
 */
public final class PersonCommand extends GatewayCommand {

    /** Exit status for input the command refused (bad role, short password, ...). */
    static final int EXIT_BAD_INPUT = 2;

    public PersonCommand() {
        super("person", "Creates a person or resets their password (password from stdin or the terminal)");
    }

    @Override
    public void configure(Subparser subparser) {
        super.configure(subparser);
        subparser.addArgument("--username").required(true).help("the person's username (created if new)");
        subparser.addArgument("--display-name").dest("display_name").help("name to show (required for a new person)");
        subparser.addArgument("--roles").help("comma-separated roles, e.g. ADMIN,STAFF (required for a new person)");
        subparser.addArgument("--locals").help("comma-separated local ids");
        subparser.addArgument("--regions").help("comma-separated region ids");
        subparser.addArgument("--employer-groups").dest("employer_groups").help("comma-separated employer group ids");
        subparser.addArgument("--password-stdin").dest("password_stdin").action(Arguments.storeTrue())
                .help("read the password from the first line of standard input (otherwise: prompt at the terminal)");
    }

    @Override
    protected void run(Bootstrap<GatewayConfiguration> bootstrap, Namespace namespace,
                       GatewayConfiguration configuration) throws Exception {
        Set<Role> roles;
        try {
            roles = roles(namespace.getString("roles"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(EXIT_BAD_INPUT);
            return;
        }
        DirectoryException refused = null;
        // The database first: if another gateway holds it, say so before asking for a password.
        try (GatewayDatabase database = configuration.openDatabase()) {
            char[] password;
            try {
                password = namespace.getBoolean("password_stdin") ? firstLine(System.in) : prompt();
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                System.exit(EXIT_BAD_INPUT);
                return;
            }
            Jdbi jdbi = database.jdbi();
            try (AuditService audit = AuditService.start(configuration.getAudit(), configuration.dataPath(), jdbi, jdbi,
                    configuration.keyPassphrase(), org.membergateway.crypto.keystore.SealedKeys.configured(
                            configuration.getKeys(), jdbi))) {
                DirectoryService directory = new DirectoryService(jdbi,
                        new PasswordHasher(configuration.getAuth().getArgon2().parameters()), audit.trail(),
                        java.time.Clock.systemUTC(), org.membergateway.directory.Lockouts.NONE);
                boolean created = directory.createOrReset("cli", namespace.getString("username"),
                        namespace.getString("display_name"), roles, list(namespace.getString("locals")),
                        list(namespace.getString("regions")), list(namespace.getString("employer_groups")), password);
                String username = Usernames.normalize(namespace.getString("username")).orElseThrow();
                System.out.println((created ? "Created " : "Reset the password of ") + username
                        + (roles == null ? "" : " with roles " + roles));
                // The command line follows the two-person rule too: say what still waits.
                directory.person(username).ifPresent(person -> person.roles().stream()
                        .filter(g -> g.status() == org.membergateway.directory.GrantStatus.PENDING_CONFIRMATION)
                        .forEach(g -> System.out.println("Role " + g.role() + " (grant " + g.id() + ") waits for"
                                + " confirmation by a second person holding EXECUTIVE_DIRECTOR or STATEWIDE_PRESIDENT")));
            } catch (DirectoryException e) {
                refused = e;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        if (refused != null) {
            // After the database and audit trail are closed: exit only once everything is flushed and stopped.
            System.err.println(refused.getMessage());
            System.exit(EXIT_BAD_INPUT);
        }
    }

    /** A database another gateway holds, or a trail that cannot record: one line, not a stack trace. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof DatabaseUnavailableException || e instanceof AuditUnavailableException) {
            cli.getStdErr().println("person: " + e.getMessage());
        } else {
            super.onError(cli, namespace, e);
        }
    }

    private static Set<Role> roles(String value) {
        if (value == null) {
            return null;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : list(value)) {
            roles.add(Role.parse(name.toUpperCase(java.util.Locale.ROOT)).orElseThrow(() -> new IllegalArgumentException(
                    "unknown role " + name + "; expected one of " + List.of(Role.values()))));
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("--roles names no role");
        }
        return roles;
    }

    private static List<String> list(String value) {
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (String item : value.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    /** The first line of the stream, without its line break; the rest is ignored. */
    static char[] firstLine(InputStream in) throws IOException {
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        char[] buffer = new char[2048];
        int length = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (length == buffer.length) {
                throw new IllegalArgumentException("the password on standard input is too long");
            }
            buffer[length++] = (char) c;
        }
        if (length > 0 && buffer[length - 1] == '\r') {
            length--;
        }
        char[] password = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, '\0');
        return password;
    }

    private static char[] prompt() {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("no terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("Password for the person: ");
        char[] second = console.readPassword("Again: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the passwords do not match");
            }
            return first.clone();
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }
}
