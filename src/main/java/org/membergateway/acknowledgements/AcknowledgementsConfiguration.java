package org.membergateway.acknowledgements;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.Period;

/** The {@code acknowledgements:} section of the configuration; {@code config/gateway.yml} documents each value. */
public class AcknowledgementsConfiguration {

    /** The longest validity accepted: beyond this a "yearly" reminder has lost its meaning. */
    public static final Period MAX_VALIDITY = Period.ofYears(5);

    /** How long an acknowledgement counts, from when it was signed (ISO-8601 period, e.g. P12M). */
    @NotNull
    private Period validity = Period.ofMonths(12);

    @JsonProperty
    public Period getValidity() {
        return validity;
    }

    @JsonProperty
    public void setValidity(Period validity) {
        this.validity = validity;
    }
}
