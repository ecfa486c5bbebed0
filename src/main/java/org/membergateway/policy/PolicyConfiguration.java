package org.membergateway.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;

/** Where the policy files come from, and the union's time zone for dates in the policy. */
public class PolicyConfiguration {

    /** Empty: the copy of policies/ inside the jar. Otherwise a directory with the same files. */
    private String directory = "";

    /** Campaigns, agreements and acknowledgements run by calendar day in the union's zone. */
    @NotNull
    private String timeZone = "America/Los_Angeles";

    /**
     * How far back a requester's earlier lists for a purpose count toward its row cap
     * (policies/README.md, "Row caps"). Zero turns the cumulative count off.
     */
    @NotNull
    private io.dropwizard.util.Duration rowCapWindow = io.dropwizard.util.Duration.days(30);

    @JsonProperty
    public io.dropwizard.util.Duration getRowCapWindow() {
        return rowCapWindow;
    }

    @JsonProperty
    public void setRowCapWindow(io.dropwizard.util.Duration rowCapWindow) {
        this.rowCapWindow = rowCapWindow;
    }

    @JsonProperty
    public String getDirectory() {
        return directory;
    }

    @JsonProperty
    public void setDirectory(String directory) {
        this.directory = directory == null ? "" : directory.strip();
    }

    @JsonProperty
    public String getTimeZone() {
        return timeZone;
    }

    @JsonProperty
    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The source of the policy files this configuration names. */
    public PolicySource source() {
        return PolicySource.configured(directory);
    }
}
