package org.membergateway.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.util.Duration;
import io.dropwizard.validation.MinDuration;
import jakarta.validation.constraints.NotNull;
import java.util.concurrent.TimeUnit;

/** The daily purge and the key that wraps export data keys (docs/operations-retention.md). */
public class RetentionConfiguration {

    /**
     * How often each instance asks whether the daily purge is due; a purge runs at most once a
     * day across all instances whatever this is.
     */
    @NotNull
    @MinDuration(value = 1, unit = TimeUnit.MINUTES)
    private Duration checkEvery = Duration.hours(1);

    /**
     * The export wrapping keyset (base64 of a Tink AEAD keyset), from {@code GATEWAY_EXPORT_WRAPPING_KEY};
     * empty = the file {@code GATEWAY_DATA_DIR/keys/export-wrapping.keyset}, made at first start.
     * Never printed: {@link #toString} leaves it out.
     */
    private String exportWrappingKey = "";

    @JsonProperty
    public Duration getCheckEvery() {
        return checkEvery;
    }

    @JsonProperty
    public void setCheckEvery(Duration checkEvery) {
        this.checkEvery = checkEvery;
    }

    public String getExportWrappingKey() {
        return exportWrappingKey;
    }

    @JsonProperty
    public void setExportWrappingKey(String exportWrappingKey) {
        // An unset variable substitutes to an empty value, which YAML reads as null.
        this.exportWrappingKey = exportWrappingKey == null ? "" : exportWrappingKey;
    }

    @Override
    public String toString() {
        return "RetentionConfiguration[checkEvery=" + checkEvery + ", exportWrappingKey=REDACTED]";
    }
}
