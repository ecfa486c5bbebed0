package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Role;

/**
 * A role grant as the API shows it. {@code status} is as stored; {@code inEffect} says whether it
 * confers the role now (ACTIVE and inside [from, until)), {@code ended} whether its until has passed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoleGrantView(long id, String username, Role role,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime from,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime until,
                            GrantStatus status, boolean inEffect, boolean ended, String grantedBy,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime grantedAt,
                            String decidedBy,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime decidedAt,
                            String note, String revokedBy,
                            @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime revokedAt,
                            DesignationView designation) {

    /** A DESIGNEE's purposes and scopes; the grant's {@code until} is when it ends. */
    public record DesignationView(List<String> purposes, List<String> scopes) {
    }

    static RoleGrantView from(RoleGrantDao.Row row, Instant now) {
        boolean inEffect = row.status() == GrantStatus.ACTIVE && DirectoryService.term(row).inEffect(now);
        boolean ended = row.validUntil() != null && !now.isBefore(row.validUntil().toInstant());
        return new RoleGrantView(row.id(), row.username(), row.role(), row.validFrom(), row.validUntil(), row.status(),
                inEffect, ended, row.grantedBy(), row.grantedAt(), row.decidedBy(), row.decidedAt(), row.decisionNote(),
                row.revokedBy(), row.revokedAt(), row.designationPurposes() == null ? null
                        : new DesignationView(List.copyOf(row.designationPurposes()), List.copyOf(row.designationScopes())));
    }
}
