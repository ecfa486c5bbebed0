package org.membergateway.elections;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.membergateway.policy.Office;
import org.membergateway.policy.ScopeType;

/**
 * An election (V20): its office, electorate, calendar, the vendors that deliver candidates'
 * literature, and the terms of that delivery as published when it was entered. The terms are the
 * election's, not the file's: every candidate of one election is offered the same ones.
 *
 * @param ballotsMailedOn set for a mail ballot; list inspection closes when ballots go out
 * @param emailVendorId   the vendor for email literature, if the election offers that channel
 */
public record Election(String id, String name, Office office, ScopeType scopeType, String scopeId,
                       LocalDate nominationsCloseOn, LocalDate ballotsMailedOn, LocalDate electionDay,
                       long mailVendorId, Long emailVendorId, ElectionTerms terms,
                       @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt, String createdBy) {

    public Election {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(scopeType, "scopeType");
        Objects.requireNonNull(scopeId, "scopeId");
        Objects.requireNonNull(nominationsCloseOn, "nominationsCloseOn");
        Objects.requireNonNull(electionDay, "electionDay");
        Objects.requireNonNull(terms, "terms");
    }

    /** Whether the election is over on {@code today}: its candidacies no longer make anyone a candidate. */
    public boolean isOver(LocalDate today) {
        return today.isAfter(electionDay);
    }
}
