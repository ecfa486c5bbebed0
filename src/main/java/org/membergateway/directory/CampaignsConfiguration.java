package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Limits on campaigns (config/gateway.yml {@code campaigns:}). */
public class CampaignsConfiguration {

    /**
     * The longest a campaign may run, first and last days included. A campaign is a project with an
     * end, not a standing pass (confidentiality §7, §8); a longer one is a 400 naming {@code endsOn}.
     */
    @Min(1)
    @Max(3660)
    private int maxDays = 365;

    @JsonProperty
    public int getMaxDays() {
        return maxDays;
    }

    @JsonProperty
    public void setMaxDays(int maxDays) {
        this.maxDays = maxDays;
    }
}
