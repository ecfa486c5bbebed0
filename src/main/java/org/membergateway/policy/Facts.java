package org.membergateway.policy;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.membergateway.auth.Requester;

/**
 * Everything the engine knows besides the request: services gather these (directory, campaigns,
 * acknowledgements, agreements, a row count) so the engine itself needs no I/O.
 *
 * @param requester who asks, with roles and scopes
 * @param candidacies the requester's declared candidacies
 * @param acknowledgement where the requester stands with the confidentiality agreement
 * @param whereToSign how to fix a missing acknowledgement, for the message (e.g. the endpoint and document)
 * @param campaign the campaign the request names, if it exists; null otherwise
 * @param agreement the vendor agreement for VENDOR_SERVICE, if there is one; null otherwise
 * @param rowCount how many rows the request reaches, counted only if the engine asks ({@link RowCount})
 * @param today the day the decision is made (campaigns and agreements are in force by day)
 * @param priorRows the rows of the requester's other lists for the same purpose released or approved
 *     within the row-cap window (confidentiality §9: a cap is cumulative, so asking local by local
 *     does not get round it); counted only if the engine asks
 */
public record Facts(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus acknowledgement,
                    String whereToSign, CampaignFact campaign, AgreementFact agreement, RowCount rowCount,
                    LocalDate today, RowCount priorRows) {
    public Facts {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(rowCount, "rowCount");
        Objects.requireNonNull(priorRows, "priorRows");
        candidacies = List.copyOf(candidacies);
        Objects.requireNonNull(acknowledgement, "acknowledgement");
        whereToSign = whereToSign == null ? "" : whereToSign;
        Objects.requireNonNull(today, "today");
    }

    /** Without earlier lists in the row-cap window. */
    public Facts(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus acknowledgement,
                 String whereToSign, CampaignFact campaign, AgreementFact agreement, RowCount rowCount, LocalDate today) {
        this(requester, candidacies, acknowledgement, whereToSign, campaign, agreement, rowCount, today, RowCount.of(0));
    }

    /** With a row count already known. */
    public Facts(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus acknowledgement,
                 String whereToSign, CampaignFact campaign, AgreementFact agreement, long estimatedRows, LocalDate today) {
        this(requester, candidacies, acknowledgement, whereToSign, campaign, agreement, RowCount.of(estimatedRows), today);
    }

    /** The rows the request reaches; the first call may count them. */
    public long estimatedRows() {
        return rowCount.rows();
    }

    /** The rows of the requester's earlier lists for the purpose in the row-cap window; the first call may count them. */
    public long earlierRows() {
        return priorRows.rows();
    }
}
