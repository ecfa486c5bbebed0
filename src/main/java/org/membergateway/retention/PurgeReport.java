package org.membergateway.retention;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * What a purge disposed of, or a dry run would: a count per record type the gateway holds, in
 * schedule order; never ids or member data. {@code schedule} is the version of the retention
 * schedule applied ({@code sha256:} of {@code policies/retention.yml}).
 */
@JsonPropertyOrder({"dryRun", "records", "schedule"})
public record PurgeReport(@JsonProperty("dryRun") boolean dryRun, @JsonProperty("records") Map<String, Long> records,
                          @JsonProperty("schedule") String schedule) {
}
