package org.membergateway.audit;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MaxDuration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.concurrent.TimeUnit;

/** The {@code audit:} section of the configuration; {@code config/gateway.yml} documents each value. */
public class AuditConfiguration {

    /**
     * The log's name in its checkpoints and the signing key's name (C2SP signed-note): a
     * schema-less URL without spaces or '+'. Fixed for the life of a log, since every checkpoint
     * and the key hash depend on it.
     */
    @NotNull
    @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}")
    private String origin = "member-gateway/audit";

    /** A checkpoint is signed once this many entries have been added since the last one... */
    @Min(1)
    @Max(10_000_000)
    private long checkpointEveryEntries = 1_000;

    /** ...or once this much time has passed with at least one new entry. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 1, unit = TimeUnit.DAYS)
    private Duration checkpointInterval = Duration.seconds(10);

    /**
     * False: neither of the two above signs; only an explicit request does (and shutdown). For
     * tests that must know which checkpoint an answer was built on.
     */
    private boolean automaticCheckpoints = true;

    /**
     * The audit health check turns red once an entry has waited longer than this for a signed
     * checkpoint (only with automatic checkpoints). Empty: twice the checkpoint interval, at least
     * a minute, so one slow checkpoint under load does not take an instance out of its pool.
     */
    @MinDuration(value = 1, unit = TimeUnit.SECONDS)
    @MaxDuration(value = 7, unit = TimeUnit.DAYS)
    private Duration checkpointMaxWait;

    /** Entries waiting for the group-commit writer; a full queue refuses new work (fail closed). */
    @Min(1)
    @Max(1_000_000)
    private int queueCapacity = 10_000;

    /** Most entries written in one transaction. */
    @Min(1)
    @Max(10_000)
    private int maxBatchSize = 1_000;

    /** How long a caller waits for its entry to commit before the operation is refused. */
    @NotNull
    @MinDuration(value = 10, unit = TimeUnit.MILLISECONDS)
    @MaxDuration(value = 10, unit = TimeUnit.MINUTES)
    private Duration commitTimeout = Duration.seconds(10);

    @JsonProperty
    public Duration getCheckpointMaxWait() {
        return checkpointMaxWait;
    }

    @JsonProperty
    public void setCheckpointMaxWait(Duration checkpointMaxWait) {
        this.checkpointMaxWait = checkpointMaxWait;
    }

    /**
     * How long an entry may wait for a checkpoint before the health check is red: empty with
     * automatic checkpoints off (then only a request or shutdown signs, and waiting is expected).
     */
    public java.util.Optional<java.time.Duration> checkpointWaitLimit() {
        if (!automaticCheckpoints) {
            return java.util.Optional.empty();
        }
        if (checkpointMaxWait != null) {
            return java.util.Optional.of(checkpointMaxWait.toJavaDuration());
        }
        java.time.Duration twice = checkpointInterval.toJavaDuration().multipliedBy(2);
        java.time.Duration minute = java.time.Duration.ofMinutes(1);
        return java.util.Optional.of(twice.compareTo(minute) < 0 ? minute : twice);
    }

    @JsonProperty
    public String getOrigin() {
        return origin;
    }

    @JsonProperty
    public void setOrigin(String origin) {
        this.origin = origin;
    }

    @JsonProperty
    public long getCheckpointEveryEntries() {
        return checkpointEveryEntries;
    }

    @JsonProperty
    public void setCheckpointEveryEntries(long checkpointEveryEntries) {
        this.checkpointEveryEntries = checkpointEveryEntries;
    }

    @JsonProperty
    public Duration getCheckpointInterval() {
        return checkpointInterval;
    }

    @JsonProperty
    public void setCheckpointInterval(Duration checkpointInterval) {
        this.checkpointInterval = checkpointInterval;
    }

    @JsonProperty
    public boolean isAutomaticCheckpoints() {
        return automaticCheckpoints;
    }

    @JsonProperty
    public void setAutomaticCheckpoints(boolean automaticCheckpoints) {
        this.automaticCheckpoints = automaticCheckpoints;
    }

    @JsonProperty
    public int getQueueCapacity() {
        return queueCapacity;
    }

    @JsonProperty
    public void setQueueCapacity(int queueCapacity) {
        this.queueCapacity = queueCapacity;
    }

    @JsonProperty
    public int getMaxBatchSize() {
        return maxBatchSize;
    }

    @JsonProperty
    public void setMaxBatchSize(int maxBatchSize) {
        this.maxBatchSize = maxBatchSize;
    }

    @JsonProperty
    public Duration getCommitTimeout() {
        return commitTimeout;
    }

    @JsonProperty
    public void setCommitTimeout(Duration commitTimeout) {
        this.commitTimeout = commitTimeout;
    }

    /** Repeated refusals, tallied per window ({@link AuditTally}). */
    @Valid
    @NotNull
    private Tallies tallies = new Tallies();

    @JsonProperty
    public Tallies getTallies() {
        return tallies;
    }

    @JsonProperty
    public void setTallies(Tallies tallies) {
        this.tallies = tallies;
    }

    /**
     * Failed sign-ins and refused reads are recorded once per key and {@code window}, with a
     * summary of the count when the window closes; one source's names beyond
     * {@code maxSubjectsPerSource} in a window share one count.
     */
    public static class Tallies {
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 1, unit = TimeUnit.DAYS)
        private Duration window = Duration.minutes(5);

        @Min(1)
        @Max(10_000)
        private int maxSubjectsPerSource = 20;

        /** How often closed windows are summarised. */
        @NotNull
        @MinDuration(value = 1, unit = TimeUnit.SECONDS)
        @MaxDuration(value = 1, unit = TimeUnit.DAYS)
        private Duration summariseEvery = Duration.minutes(1);

        @JsonProperty
        public Duration getWindow() {
            return window;
        }

        @JsonProperty
        public void setWindow(Duration window) {
            this.window = window;
        }

        @JsonProperty
        public int getMaxSubjectsPerSource() {
            return maxSubjectsPerSource;
        }

        @JsonProperty
        public void setMaxSubjectsPerSource(int maxSubjectsPerSource) {
            this.maxSubjectsPerSource = maxSubjectsPerSource;
        }

        @JsonProperty
        public Duration getSummariseEvery() {
            return summariseEvery;
        }

        @JsonProperty
        public void setSummariseEvery(Duration summariseEvery) {
            this.summariseEvery = summariseEvery;
        }
    }
}
