package org.membergateway.elections.inspection;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/**
 * List inspection by candidates (29 CFR 452.71): how long one inspection stays open once a candidate
 * opens it. The law grants one inspection, not one visit a day: long enough to read an electorate on
 * screen, short enough that an open inspection is not a standing copy of the list.
 */
public class InspectionsConfiguration {

    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MINUTES)
    @MaxDuration(value = 24, unit = TimeUnit.HOURS)
    private Duration duration = Duration.hours(2);

    @JsonProperty
    public Duration getDuration() {
        return duration;
    }

    @JsonProperty
    public void setDuration(Duration duration) {
        this.duration = duration;
    }
}
