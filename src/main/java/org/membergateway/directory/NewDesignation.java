package org.membergateway.directory;

import java.util.List;

/**
 * What a DESIGNEE is designated for, in a role grant's body: purposes (policy purpose names),
 * scopes ({@code TYPE:id}: {@code LOCAL:L083}, {@code REGION:R3}, {@code EMPLOYER_GROUP:G1},
 * {@code STATEWIDE:ALL}) and {@code until} (an ISO-8601 date, meaning 00:00 UTC that day, or an
 * instant): required, a designation always ends.
 */
public record NewDesignation(List<String> purposes, List<String> scopes, String until) {
}
