package org.membergateway.elections.inspection;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a candidate sees of one member of the electorate: the name and last known mailing address,
 * no more (29 CFR 452.71 names the list of names and addresses). Field names are the member CSV's.
 */
public record InspectedMember(@JsonProperty("first_name") String firstName, @JsonProperty("last_name") String lastName,
                              @JsonProperty("home_street") String homeStreet, @JsonProperty("home_city") String homeCity,
                              @JsonProperty("home_state") String homeState, @JsonProperty("home_zip") String homeZip) {

    /** Never the values: a record that reaches a log line must not carry a member's address. */
    @Override
    public String toString() {
        return "InspectedMember[REDACTED]";
    }
}
