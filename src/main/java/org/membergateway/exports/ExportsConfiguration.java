package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** How long exports live, how often they may be fetched, and the seed records planted in them. */
public class ExportsConfiguration {

    /** Officers may not keep the lists (confidentiality §7, §8): an export is destroyed after this. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration expiresAfter = Duration.days(7);

    /** Shorter (or longer) lives for some purposes, e.g. {@code VOTING_DATA: 2d}. */
    @NotNull
    private Map<String, Duration> expiresAfterByPurpose = Map.of();

    @Min(1)
    @Max(100)
    private int maxDownloads = 3;

    /** Synthetic records planted in each export for leak tracing; 0 turns it off. */
    @Min(0)
    @Max(20)
    private int seedRecords = 3;

    /** Where seed records' email addresses point: a domain whose mail the union watches. */
    @NotEmpty
    private String seedEmailDomain = "seeds.example.org";

    /** How often expired exports are destroyed and stalled builds marked failed. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration sweepEvery = Duration.minutes(1);

    /** A build whose progress has not moved for this long is taken to have died. */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    private Duration stalledAfter = Duration.minutes(10);

    @JsonProperty
    public Duration getExpiresAfter() {
        return expiresAfter;
    }

    @JsonProperty
    public void setExpiresAfter(Duration expiresAfter) {
        this.expiresAfter = expiresAfter;
    }

    @JsonProperty
    public Map<String, Duration> getExpiresAfterByPurpose() {
        return expiresAfterByPurpose;
    }

    @JsonProperty
    public void setExpiresAfterByPurpose(Map<String, Duration> expiresAfterByPurpose) {
        this.expiresAfterByPurpose = expiresAfterByPurpose == null ? Map.of() : Map.copyOf(expiresAfterByPurpose);
    }

    @JsonProperty
    public int getMaxDownloads() {
        return maxDownloads;
    }

    @JsonProperty
    public void setMaxDownloads(int maxDownloads) {
        this.maxDownloads = maxDownloads;
    }

    @JsonProperty
    public int getSeedRecords() {
        return seedRecords;
    }

    @JsonProperty
    public void setSeedRecords(int seedRecords) {
        this.seedRecords = seedRecords;
    }

    @JsonProperty
    public String getSeedEmailDomain() {
        return seedEmailDomain;
    }

    @JsonProperty
    public void setSeedEmailDomain(String seedEmailDomain) {
        this.seedEmailDomain = seedEmailDomain;
    }

    @JsonProperty
    public Duration getSweepEvery() {
        return sweepEvery;
    }

    @JsonProperty
    public void setSweepEvery(Duration sweepEvery) {
        this.sweepEvery = sweepEvery;
    }

    @JsonProperty
    public Duration getStalledAfter() {
        return stalledAfter;
    }

    @JsonProperty
    public void setStalledAfter(Duration stalledAfter) {
        this.stalledAfter = stalledAfter;
    }

    /** How long an export for this purpose lives. */
    public java.time.Duration lifetime(String purpose) {
        Duration specific = expiresAfterByPurpose.get(purpose);
        return (specific == null ? expiresAfter : specific).toJavaDuration();
    }
}
