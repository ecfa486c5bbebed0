package org.membergateway.elections;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An election as the API shows it (README, HTTP API): what it is, its electorate and calendar, the
 * vendors that deliver candidates' literature, and its terms with the SHA-256 of the
 * policies/elections.yml they were copied from. Holds no member data: any signed-in person may read it.
 */
public record ElectionView(String id, String name, String office, String scopeType, String scopeId,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate nominationsCloseOn,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate ballotsMailedOn,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate electionDay,
                           long mailVendorId, Long emailVendorId, ElectionTermsView terms, String termsSha256,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt, String createdBy) {

    public static ElectionView of(Election e) {
        return new ElectionView(e.id(), e.name(), e.office().name(), e.scopeType().name(), e.scopeId(),
                e.nominationsCloseOn(), e.ballotsMailedOn(), e.electionDay(), e.mailVendorId(), e.emailVendorId(),
                ElectionTermsView.of(e), e.terms().sha256(), e.createdAt(), e.createdBy());
    }
}
