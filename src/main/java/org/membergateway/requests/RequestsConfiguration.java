package org.membergateway.requests;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** How long list requests wait for approval, and how long an approval lasts. */
public class RequestsConfiguration {

    /** A request nobody approved within this expires; the requester asks again. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration pendingFor = Duration.days(14);

    /** An approved request can be exported for this long after it was approved. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.HOURS)
    private Duration approvedFor = Duration.days(30);

    @JsonProperty
    public Duration getPendingFor() {
        return pendingFor;
    }

    @JsonProperty
    public void setPendingFor(Duration pendingFor) {
        this.pendingFor = pendingFor;
    }

    @JsonProperty
    public Duration getApprovedFor() {
        return approvedFor;
    }

    @JsonProperty
    public void setApprovedFor(Duration approvedFor) {
        this.approvedFor = approvedFor;
    }
}
