package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The limits the application's mapper reads bodies under; each broken one is named for the answer. */
class JsonLimitsTest {

    private final ObjectMapper mapper = limited();

    private static ObjectMapper limited() {
        ObjectMapper mapper = new ObjectMapper();
        JsonLimits.apply(mapper);
        return mapper;
    }

    record Body(String text, List<String> items) {
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWhileParsing() throws Exception {
        String ok = "[".repeat(JsonLimits.MAX_NESTING_DEPTH) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH);
        assertThat(mapper.readTree(ok).isArray()).isTrue();
        String deep = "[".repeat(JsonLimits.MAX_NESTING_DEPTH + 1) + "]".repeat(JsonLimits.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> mapper.readTree(deep)).isInstanceOfSatisfying(StreamConstraintsException.class,
                e -> assertThat(JsonLimits.describe(e)).contains("deeper than " + JsonLimits.MAX_NESTING_DEPTH));
    }

    @Test
    void stringsNumbersAndNamesAreBounded() {
        assertThatThrownBy(() -> mapper.readTree("{\"a\": \"" + "s".repeat(JsonLimits.MAX_STRING_CHARS + 1) + "\"}"))
                .isInstanceOfSatisfying(StreamConstraintsException.class,
                        e -> assertThat(JsonLimits.describe(e)).contains("string").doesNotContain("sss"));
        assertThatThrownBy(() -> mapper.readTree("{\"a\": " + "1".repeat(JsonLimits.MAX_NUMBER_CHARS + 1) + "}"))
                .isInstanceOfSatisfying(StreamConstraintsException.class,
                        e -> assertThat(JsonLimits.describe(e)).contains("number"));
        assertThatThrownBy(() -> mapper.readTree("{\"" + "n".repeat(JsonLimits.MAX_NAME_CHARS + 1) + "\": 1}"))
                .isInstanceOfSatisfying(StreamConstraintsException.class,
                        e -> assertThat(JsonLimits.describe(e)).contains("field name"));
    }

    @Test
    void aNulCharacterInAnyStringIsRefused() throws Exception {
        assertThat(mapper.readValue("{\"text\": \"fine\", \"items\": [\"a\"]}", Body.class).text()).isEqualTo("fine");
        assertThatThrownBy(() -> mapper.readValue("{\"text\": \"a\\u0000b\"}", Body.class))
                .isInstanceOf(InvalidFormatException.class);
        assertThatThrownBy(() -> mapper.readValue("{\"items\": [\"ok\", \"a\\u0000\"]}", Body.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
