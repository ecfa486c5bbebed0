package org.membergateway.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.directory.CampaignView;
import org.membergateway.requests.ListRequest;

/**
 * {@code /approvals}: the pending requests the person may decide, each with what was asked, why it
 * needs approval, and a form to approve or turn it down with a note.
 */
public final class ApprovalsPage extends RequestPageView {

    private final List<ShownRequest> pending;
    private final ShownRequest decided;
    private final long noteFor;
    private final String note;
    private final List<CampaignView> campaigns;
    private final CampaignView decidedCampaign;

    /**
     * @param decided the request just decided here, to say so at the top; null otherwise
     * @param noteFor the request whose note had a problem (its form keeps what was typed); 0 for none
     */
    ApprovalsPage(PageContext page, List<ListRequest> pending, ListRequest decided, List<FormError> errors, long noteFor,
                  String note, OffsetDateTime now) {
        this(page, pending, decided, errors, noteFor, note, now, List.of(), null);
    }

    /**
     * @param campaigns the campaigns waiting for this person's decision (policies/campaigns.yml)
     * @param decidedCampaign the campaign just decided here; null otherwise
     */
    ApprovalsPage(PageContext page, List<ListRequest> pending, ListRequest decided, List<FormError> errors, long noteFor,
                  String note, OffsetDateTime now, List<CampaignView> campaigns, CampaignView decidedCampaign) {
        super("approvals.ftlh", page, page.messages().get("approvals.title"), errors);
        this.pending = pending.stream().map(r -> shown(r, now)).toList();
        this.decided = decided == null ? null : shown(decided, now);
        this.noteFor = noteFor;
        this.note = note == null ? "" : note;
        this.campaigns = List.copyOf(campaigns);
        this.decidedCampaign = decidedCampaign;
    }

    public List<CampaignView> getCampaigns() {
        return campaigns;
    }

    public CampaignView getDecidedCampaign() {
        return decidedCampaign;
    }

    /** The campaign's targets in a line, or empty when it has none. */
    public String targetsOf(CampaignView campaign) {
        List<String> parts = new java.util.ArrayList<>();
        parts.addAll(campaign.targets().classifications());
        parts.addAll(campaign.targets().worksites());
        parts.addAll(campaign.targets().audiences());
        return String.join(", ", parts);
    }

    public List<ShownRequest> getPending() {
        return pending;
    }

    public ShownRequest getDecided() {
        return decided;
    }

    /** What was typed in the note of request {@code id}'s form, if it came back with a problem. */
    public String noteOf(long id) {
        return id == noteFor ? note : "";
    }

    public int getMaxNote() {
        return org.membergateway.requests.ListRequestService.MAX_NOTE;
    }
}
