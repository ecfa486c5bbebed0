package org.membergateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonCommandTest {

    private static char[] firstLine(String input) throws Exception {
        return PersonCommand.firstLine(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePasswordIsTheFirstLineOfStandardInputWithoutItsLineBreak() throws Exception {
        assertThat(firstLine("s3cret pass phrase\nignored\n")).containsExactly("s3cret pass phrase".toCharArray());
        assertThat(firstLine("windows line\r\n")).containsExactly("windows line".toCharArray());
        assertThat(firstLine("no newline at all")).containsExactly("no newline at all".toCharArray());
        assertThat(firstLine("mật khẩu dài\n")).containsExactly("mật khẩu dài".toCharArray());
        assertThat(firstLine("")).isEmpty();
        assertThatThrownBy(() -> firstLine("x".repeat(5000))).hasMessageContaining("too long");
    }
}
