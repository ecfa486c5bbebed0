package org.membergateway.exports;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;
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

    /**
     * How many exports one approval of a list request allows (failed builds not counted): a list
     * is released for one use (confidentiality §7, §8: "not retained"); a second copy needs a new
     * request. policies/README.md, "Exports per approval".
     */
    @Min(1)
    @Max(100)
    private int exportsPerApproval = 1;

    @JsonProperty
    public int getExportsPerApproval() {
        return exportsPerApproval;
    }

    @JsonProperty
    public void setExportsPerApproval(int exportsPerApproval) {
        this.exportsPerApproval = exportsPerApproval;
    }

    /**
     * How many exports this instance builds at once; more are refused with 503 EXPORTS_BUSY before
     * any row is read. Each build holds three connections of the request pool (ExportBuildSlots), so
     * keep three times this well below {@code database.maxPoolSize}.
     */
    @Min(1)
    @Max(64)
    private int maxConcurrentBuilds = 4;

    @JsonProperty
    public int getMaxConcurrentBuilds() {
        return maxConcurrentBuilds;
    }

    @JsonProperty
    public void setMaxConcurrentBuilds(int maxConcurrentBuilds) {
        this.maxConcurrentBuilds = maxConcurrentBuilds;
    }

    /** About how many seed records each export carries for leak tracing (one more or fewer at random); 0 turns it off. */
    @Min(0)
    @Max(20)
    private int seedRecords = 3;

    /**
     * Home addresses the union controls (mail to them reaches the union), for the seed records'
     * address fields; keep the list private. The default is the demo's: invented addresses in the
     * demo union's cities, written as its members' are.
     */
    @Valid
    @NotEmpty
    private List<SeedRecords.Address> seedAddresses = List.of(
            new SeedRecords.Address("2218 SE Division St", "Portland", "OR", "97202"),
            new SeedRecords.Address("4415 NE Fremont St", "Portland", "OR", "97213"),
            new SeedRecords.Address("1847 Liberty St", "Salem", "OR", "97302"),
            new SeedRecords.Address("3120 Commercial St", "Salem", "OR", "97302"),
            new SeedRecords.Address("2456 Willow Ave", "Eugene", "OR", "97405"),
            new SeedRecords.Address("1302 Main St", "Medford", "OR", "97501"),
            new SeedRecords.Address("845 Juniper Ave", "Bend", "OR", "97701"),
            new SeedRecords.Address("612 Church St", "Pendleton", "OR", "97801"),
            new SeedRecords.Address("1409 Park Ave", "Newport", "OR", "97365"));

    /**
     * The most the export store may hold in live exports (their OpenPGP messages, in bytes), so a
     * run of large exports cannot fill the database's disk. A build that would cross it stops,
     * keeps nothing and is answered 507 EXPORT_STORE_FULL; room comes back as exports are
     * downloaded for the last time, expire or are destroyed. Default 10 GiB.
     */
    @Min(1)
    private long storeQuotaBytes = 10L * 1024 * 1024 * 1024;

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
    public long getStoreQuotaBytes() {
        return storeQuotaBytes;
    }

    @JsonProperty
    public void setStoreQuotaBytes(long storeQuotaBytes) {
        this.storeQuotaBytes = storeQuotaBytes;
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
    public List<SeedRecords.Address> getSeedAddresses() {
        return seedAddresses;
    }

    @JsonProperty
    public void setSeedAddresses(List<SeedRecords.Address> seedAddresses) {
        this.seedAddresses = seedAddresses == null ? List.of() : List.copyOf(seedAddresses);
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
