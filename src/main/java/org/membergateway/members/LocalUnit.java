package org.membergateway.members;

/** A local of the union: its id (e.g. {@code L083}), display name, region and employer group. */
public record LocalUnit(String id, String name, String region, String employerGroup) {
}
