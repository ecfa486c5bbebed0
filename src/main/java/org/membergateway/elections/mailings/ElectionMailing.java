package org.membergateway.elections.mailings;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.OffsetDateTime;
import org.membergateway.policy.ScopeType;

/**
 * An election mailing as stored (V25): never a member's data, only how many pieces it has and what
 * they cost. {@code requestedBy} is the candidate (or, for an official notice, the staff member).
 */
public record ElectionMailing(long id, String electionId, MailingKind kind, String requestedBy, Long candidacyId,
                              MailingChannel channel, ScopeType scopeType, String scopeId, String title,
                              String literatureSha256, long pieces, int rateCents, long costCents, MailingStatus status,
                              String decidedBy,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime decidedAt,
                              String decisionNote, Long listRequestId,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime deliveredAt) {

    /** The scope as {@code TYPE:ID}, how the ledger compares the parts of an electorate mailings went to. */
    public String scopeKey() {
        return scopeType.name() + ":" + scopeId;
    }

    /** Approved or delivered: what a candidate has had. */
    public boolean granted() {
        return status == MailingStatus.APPROVED || status == MailingStatus.DELIVERED;
    }
}
