package org.membergateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The admin port's log-level task only makes logging quieter, and never that of the audit copy. */
class RestrictedLogLevelTaskTest {

    private final RestrictedLogLevelTask task = new RestrictedLogLevelTask();
    private final LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

    private void run(Map<String, List<String>> parameters) throws Exception {
        task.execute(parameters, new PrintWriter(new StringWriter()));
    }

    @Test
    void moreDetailThanInfoIsRefusedWhateverTheSpelling() {
        for (String level : List.of("DEBUG", "debug", "TRACE", "ALL", "", "LOUD")) {
            assertThatThrownBy(() -> run(Map.of("logger", List.of("org.eclipse.jetty.server"), "level", List.of(level))))
                    .as(level).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("INFO, WARN, ERROR or OFF");
        }
        assertThat(logback.getLogger("org.eclipse.jetty.server").getLevel()).as("unchanged").isNull();
    }

    @Test
    void theAuditLoggerAndItsAncestorsAreNotChanged() {
        for (String logger : List.of("org.membergateway.audit.trail", "org.membergateway.audit", "org.membergateway",
                "org", "ROOT", "root")) {
            assertThatThrownBy(() -> run(Map.of("logger", List.of(logger), "level", List.of("OFF"))))
                    .as(logger).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audit trail");
        }
        assertThatThrownBy(() -> run(Map.of("logger", List.of("org.membergateway.audit.trail"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(logback.getLogger("org.membergateway.audit.trail").getLevel()).as("unchanged").isNull();
        assertThat(logback.getLogger("org.membergateway").getLevel()).as("unchanged").isNull();
        assertThat(logback.getLogger("ROOT").isInfoEnabled()).isTrue();
    }

    @Test
    void anotherLoggerCanBeQuietedAndReset() throws Exception {
        String name = "org.membergateway.test.quiet";
        run(Map.of("logger", List.of(name), "level", List.of("warn")));
        assertThat(logback.getLogger(name).getLevel()).isEqualTo(Level.WARN);
        run(Map.of("logger", List.of(name)));
        assertThat(logback.getLogger(name).getLevel()).isNull();
    }

    @Test
    void aRequestWithOneForbiddenLoggerChangesNothing() {
        String name = "org.membergateway.test.untouched";
        assertThatThrownBy(() -> run(Map.of("logger", List.of(name, "org.membergateway.audit.trail"), "level",
                List.of("ERROR")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(logback.getLogger(name).getLevel()).isNull();
    }
}
