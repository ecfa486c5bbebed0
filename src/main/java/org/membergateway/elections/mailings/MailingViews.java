package org.membergateway.elections.mailings;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.membergateway.policy.AccessRequestBody.ScopeBody;

/** The answers of the election mailing endpoints: counts and cents, never a member's data. */
public final class MailingViews {

    private MailingViews() {
    }

    /** 201 to a new mailing or notice (CONTRACT: {@code {id, status, pieces, rateCents, costCents}}). */
    public record Created(long id, MailingStatus status, long pieces, int rateCents, long costCents) {
    }

    /**
     * 200 to {@code ?dryRun=true}: what the mailing would be, nothing stored. The rate is the
     * election's published one, the same for every candidate.
     */
    public record Quote(boolean dryRun, String channel, ScopeBody scope, long pieces, int rateCents, long costCents,
                        boolean paymentInAdvance, int leadDays) {
    }

    /** The election's published terms, as in {@code GET /elections/{id}/terms}. */
    public record Terms(Map<String, Integer> rates, boolean paymentInAdvance, int leadDays) {
    }

    /** A mailing in the ledger; {@code candidate} is null for an official notice. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(long id, MailingKind kind, String candidate, String office, String requestedBy,
                        MailingChannel channel, ScopeBody scope, String title, String literatureSha256, long pieces,
                        int rateCents, long costCents, MailingStatus status,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt, String decidedBy,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime decidedAt, String decisionNote,
                        Long listRequestId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime deliveredAt) {
    }

    /**
     * Something one candidate has had that another has not, or terms that differ: for the committee
     * to offer the same to every candidate (29 CFR 452.67-452.69).
     *
     * @param code      FEWER_MAILINGS, CHANNEL_NOT_HAD, SCOPE_NOT_HAD, INSPECTION_NOT_HAD or UNEQUAL_RATES
     * @param candidate the candidate it concerns; null for UNEQUAL_RATES
     * @param other     the candidate who has had it (null for UNEQUAL_RATES), so the pages can say it in the reader's language
     * @param detail    what was had: the other's and own approved mailings as {@code own/most} (FEWER_MAILINGS), the
     *                  channel (CHANNEL_NOT_HAD), the part of the electorate as {@code TYPE:ID} (SCOPE_NOT_HAD), the
     *                  mailing's id (UNEQUAL_RATES); null for INSPECTION_NOT_HAD
     */
    public record Warning(String code, String candidate, String message, String other, String detail) {

        /** A warning without the parts the pages translate (its message says it all in English). */
        public Warning(String code, String candidate, String message) {
            this(code, candidate, message, null, null);
        }
    }

    /** A candidate's inspection of the membership list, as the ledger lists it. */
    public record InspectionEntry(String candidate,
                                  @com.fasterxml.jackson.annotation.JsonFormat(shape = com.fasterxml.jackson.annotation.JsonFormat.Shape.STRING)
                                  java.time.OffsetDateTime openedAt) {
    }

    /** {@code GET /elections/{id}/mailings}: the equal-treatment ledger. */
    public record Ledger(String electionId, Terms terms, List<String> candidates, List<Entry> mailings,
                         List<InspectionEntry> inspections, boolean equalTerms, List<Warning> warnings) {
    }
}
