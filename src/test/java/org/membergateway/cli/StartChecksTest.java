package org.membergateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;
import org.membergateway.db.DatabaseUnavailableException;

/** Which start failures are the operator's to fix (one line) and which are faults (the stack trace). */
class StartChecksTest {

    @Test
    void refusalsAndAnUnreachableDatabaseAreOneLineWhereverTheyAreWrapped() {
        assertThat(StartChecks.operatorMessage(new StartChecks.StartRefused("port 1 is in use"))).contains("port 1 is in use");
        assertThat(StartChecks.operatorMessage(new RuntimeException("wrapped",
                new DatabaseUnavailableException("Could not connect", null)))).contains("Could not connect");
    }

    @Test
    void aGatewayCheckNamingASettingIsOneLine() {
        assertThat(StartChecks.operatorMessage(new IllegalStateException("Set GATEWAY_OPENPGP_PASSPHRASE (openpgp…)")))
                .contains("Set GATEWAY_OPENPGP_PASSPHRASE (openpgp…)");
    }

    @Test
    void aFailureNamingNoSettingOrNotThrownByTheGatewayKeepsItsStackTrace() {
        assertThat(StartChecks.operatorMessage(new IllegalStateException("the tree is inconsistent"))).isEmpty();
        assertThat(StartChecks.operatorMessage(new NullPointerException("GATEWAY_HTTP_PORT"))).isEmpty();
        IllegalStateException library = new IllegalStateException("GATEWAY_X in a library's message");
        library.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.example.Lib", "m", "Lib.java", 1)});
        assertThat(StartChecks.operatorMessage(library)).isEmpty();
    }

    @Test
    void jettyFailingToBindIsTheBusyPortLine() {
        IOException jetty = new IOException("Failed to bind to /127.0.0.1:8080", new BindException("Address already in use"));
        assertThat(StartChecks.operatorMessage(jetty)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("a port is in use (GATEWAY_HTTP_PORT or GATEWAY_ADMIN_PORT): Failed to bind to /127.0.0.1:8080"));
    }
}
