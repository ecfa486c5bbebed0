package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.membergateway.members.MemberCsv;

/** The bundled policy files copied into a directory with one edit: how loader tests try a bad policy. */
final class EditedPolicy {

    static final Path BUNDLED = Path.of("policies");

    private EditedPolicy() {
    }

    static Policy load(Path dir) {
        return PolicyLoader.load(PolicySource.directory(dir), MemberCsv.COLUMNS);
    }

    /** Copies every policy file into {@code dir}, then replaces {@code from} (which must be there) in {@code file}. */
    static void copyWith(Path dir, String file, String from, String to) throws IOException {
        for (String name : PolicyLoader.FILES) {
            Files.writeString(dir.resolve(name), Files.readString(BUNDLED.resolve(name)));
        }
        String text = Files.readString(dir.resolve(file));
        assertThat(text).contains(from);
        Files.writeString(dir.resolve(file), text.replace(from, to));
    }
}
