package org.membergateway.elections;

/**
 * The body of {@code POST /api/v1/elections}. Strings and boxed numbers, so that a missing or
 * malformed value is a 400 naming its field (the service parses them) rather than a parser error.
 */
public record NewElection(String id, String name, String office, String scopeType, String scopeId,
                          String nominationsCloseOn, String ballotsMailedOn, String electionDay, Long mailVendorId,
                          Long emailVendorId) {
}
