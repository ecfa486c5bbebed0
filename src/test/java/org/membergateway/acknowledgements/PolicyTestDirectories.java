package org.membergateway.acknowledgements;

import org.membergateway.testing.TempDirectories;
import org.membergateway.policy.PolicySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Policy directories for tests: a copy of the bundled policy (rules, fields, documents), then changed as a test needs. */
public final class PolicyTestDirectories {

    static final String[] BUNDLED = {
        "rules.yml",
        "fields.yml",
        "vendor-services.yml",
        "campaigns.yml",
        "retention.yml",
        "elections.yml",
        "documents/index.yml",
        "documents/confidentiality-policy/2017-11-18.en.txt",
        "documents/confidentiality-policy/2017-11-18.vi.txt",
        "documents/confidentiality-agreement/2026-11-01.en.txt",
        "documents/confidentiality-agreement/2026-11-01.vi.txt",
    };

    private PolicyTestDirectories() {
    }

    /** A new temporary directory holding the bundled policy documents. */
    public static Path copyOfBundled() {
        try {
            Path dir = TempDirectories.create("policy");
            for (String file : BUNDLED) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                try (InputStream in = PolicyTestDirectories.class.getClassLoader()
                        .getResourceAsStream(PolicySource.CLASSPATH_ROOT + file)) {
                    Files.copy(in, target);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bundled documents plus a new version {@code newVersion} of the confidentiality agreement
     * (English only), made current; the bundled version stays listed but is no longer current.
     */
    public static Path withNewAgreementVersion(String newVersion) {
        Path dir = copyOfBundled();
        try {
            Files.writeString(dir.resolve("documents/confidentiality-agreement/" + newVersion + ".en.txt"),
                    "CONFIDENTIALITY AGREEMENT, revised " + newVersion + "\n\nThe text changed.\n");
            Path index = dir.resolve("documents/index.yml");
            String yaml = Files.readString(index)
                    .replace("currentVersion: \"2026-11-01\"", "currentVersion: \"" + newVersion + "\"")
                    .replace("""
                                vi: confidentiality-agreement/2026-11-01.vi.txt
                            """, """
                                vi: confidentiality-agreement/2026-11-01.vi.txt
                                  - version: "%s"
                                    published: 2027-01-01
                                    texts:
                                      en: confidentiality-agreement/%s.en.txt
                            """.formatted(newVersion, newVersion));
            if (!yaml.contains("\"" + newVersion + "\"")) {
                throw new IllegalStateException("the bundled index changed shape; update this test helper");
            }
            Files.writeString(index, yaml);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
