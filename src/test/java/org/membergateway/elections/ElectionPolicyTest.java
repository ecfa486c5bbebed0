package org.membergateway.elections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.policy.PolicyException;
import org.membergateway.policy.PolicySource;

/** policies/elections.yml as shipped, and the ways a bad file stops the start. */
class ElectionPolicyTest {

    private static String shipped() throws IOException {
        return Files.readString(Path.of("policies", ElectionPolicy.FILE), StandardCharsets.UTF_8);
    }

    private static String with(String from, String to) throws IOException {
        String yaml = shipped();
        assertThat(yaml).contains(from);
        return yaml.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to));
    }

    private static ElectionPolicy parse(String yaml) {
        return ElectionPolicy.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theShippedTermsLoadWithTheFilesHash() throws Exception {
        ElectionPolicy policy = ElectionPolicy.load(PolicySource.bundled());
        assertThat(policy.mailRateCents()).isEqualTo(62);
        assertThat(policy.emailRateCents()).isEqualTo(3);
        assertThat(policy.paymentInAdvance()).isTrue();
        assertThat(policy.leadDays()).isEqualTo(7);
        assertThat(policy.flagWindowDays()).isEqualTo(90);
        byte[] bytes = Files.readAllBytes(Path.of("policies", ElectionPolicy.FILE));
        assertThat(policy.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        assertThat(policy.terms().sha256()).isEqualTo(policy.sha256());
    }

    @Test
    void aMissingFileStopsTheStart(@TempDir Path empty) {
        assertThatThrownBy(() -> ElectionPolicy.load(PolicySource.directory(empty)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("elections.yml: missing");
    }

    @Test
    void eachBadEntryIsNamed() throws Exception {
        assertThatThrownBy(() -> parse(with("MAIL: 62", "MAIL: -1")))
                .hasMessage("elections.yml: terms.rates.MAIL: expected a whole number from 0 to 100000");
        assertThatThrownBy(() -> parse(with("EMAIL: 3", "PHONE: 3")))
                .hasMessageStartingWith("elections.yml: terms.rates.PHONE: unknown key");
        assertThatThrownBy(() -> parse(with("paymentInAdvance: true", "paymentInAdvance: maybe")))
                .hasMessage("elections.yml: terms.paymentInAdvance: expected true or false");
        assertThatThrownBy(() -> parse(with("leadDays: 7", "leadDays: 7.5")))
                .hasMessage("elections.yml: terms.leadDays: expected a whole number from 0 to 365");
        assertThatThrownBy(() -> parse(with("flagWindowDays: 90", "flagWindowDays: 0")))
                .hasMessage("elections.yml: calendar.flagWindowDays: expected a whole number from 1 to 730");
        assertThatThrownBy(() -> parse(with("  clause: confidentiality §5   # and 29 U.S.C.", "  clause: §5   # and")))
                .hasMessage("elections.yml: terms.clause: must cite confidentiality §5");
        assertThatThrownBy(() -> parse(with("calendar:", "calender:")))
                .hasMessageStartingWith("elections.yml: calender: unknown key");
        assertThatThrownBy(() -> parse("terms: [1]")).isInstanceOf(PolicyException.class)
                .hasMessage("elections.yml: terms: missing (expected a mapping)");
    }
}
