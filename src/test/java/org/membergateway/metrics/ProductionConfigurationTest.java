package org.membergateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * config/production.yml is config/gateway.yml apart from its logging, so it honours the same
 * environment variables and settings: a setting added to gateway.yml and not copied there fails
 * here, not on a production server. (That it starts, and logs JSON, is JsonLogsIntegrationTest.)
 */
class ProductionConfigurationTest {

    static final String REQUEST_LOG = "  requestLog:\n";
    static final String LOGGERS = "\n  loggers:\n";
    static final String PRODUCTION_BLOCK = "  # ---- production logging";

    @Test
    void productionIsTheGatewayConfigurationWithJsonLogs() throws IOException {
        String gateway = Files.readString(Path.of("config/gateway.yml"));
        String production = Files.readString(Path.of("config/production.yml"));

        String body = production.substring(production.indexOf("# member-gateway configuration."));
        assertThat(body.substring(0, body.indexOf(PRODUCTION_BLOCK)))
                .as("everything before the logging, word for word")
                .isEqualTo(gateway.substring(0, gateway.indexOf(REQUEST_LOG)));
        assertThat(production.substring(production.indexOf(LOGGERS)))
                .as("the loggers (the audit trail's own file among them), word for word")
                .isEqualTo(gateway.substring(gateway.indexOf(LOGGERS)));

        String logging = production.substring(production.indexOf(PRODUCTION_BLOCK), production.indexOf(LOGGERS));
        assertThat(logging).contains("type: access-json", "type: json", "requestUri")
                .doesNotContain("requestUrl", "requestHeaders", "remoteUser", "mdc,", "callerData");
    }
}
