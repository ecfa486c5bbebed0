package org.membergateway.vendors;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The {@code vendors:} section of the configuration; {@code config/gateway.yml} documents each value. */
public class VendorsConfiguration {

    /**
     * An approved extract with no destruction attestation this long after its approval is listed
     * as overdue ({@code GET /vendors/attestations/overdue}).
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.DAYS)
    private Duration attestationDueAfter = Duration.days(30);

    @JsonProperty
    public Duration getAttestationDueAfter() {
        return attestationDueAfter;
    }

    @JsonProperty
    public void setAttestationDueAfter(Duration attestationDueAfter) {
        this.attestationDueAfter = attestationDueAfter;
    }
}
