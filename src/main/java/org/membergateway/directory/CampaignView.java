package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A campaign or project (README, HTTP API). {@code owner} is the person responsible for it,
 * {@code createdBy} who entered it; {@code status} is PENDING_APPROVAL, ACTIVE, REJECTED or ENDED,
 * with who decided or ended it and when. Campaigns hold no member data: any signed-in person may read one.
 */
public record CampaignView(long id, String name, String kind, String scopeType, String scopeId,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate startsOn,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate endsOn, String owner,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                           String status, String createdBy, String approvedBy,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime approvedAt,
                           String approvalNote, String endedBy,
                           @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime endedAt, Targets targets) {

    /** What a request under the campaign must stay within; an empty list does not narrow. */
    public record Targets(List<String> classifications, List<String> worksites, List<String> audiences) {
        public Targets {
            classifications = classifications == null ? List.of() : List.copyOf(classifications);
            worksites = worksites == null ? List.of() : List.copyOf(worksites);
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }
    }

    /** The row as {@link CampaignDao} reads it (flat, as SQL returns it). */
    public record Row(long id, String name, String kind, String scopeType, String scopeId, LocalDate startsOn,
                      LocalDate endsOn, String owner, OffsetDateTime createdAt, String status, String createdBy,
                      String approvedBy, OffsetDateTime approvedAt, String approvalNote, String endedBy,
                      OffsetDateTime endedAt, String[] targetClassifications, String[] targetWorksites,
                      String[] targetAudiences) {
        CampaignView view() {
            return new CampaignView(id, name, kind, scopeType, scopeId, startsOn, endsOn, owner, createdAt, status,
                    createdBy, approvedBy, approvedAt, approvalNote, endedBy, endedAt,
                    new Targets(List.of(targetClassifications), List.of(targetWorksites), List.of(targetAudiences)));
        }
    }
}
