package org.membergateway.web;

import java.util.ArrayList;
import java.util.List;
import org.membergateway.auth.Requester;
import org.membergateway.directory.CampaignView;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * {@code /requests/new}: the request form, and what the policy says about it, checked before
 * sending or answered after (a refusal stores nothing, so it is shown on the form, which can be
 * corrected and sent again).
 */
public final class NewRequestPage extends RequestPageView {

    /** Purposes a person asks for here; vendor extracts are prepared by staff on the vendors' pages. */
    static final List<Purpose> OFFERED = List.of(Purpose.LOCAL_COMMUNICATION, Purpose.CAMPAIGN_OUTREACH,
            Purpose.LEADERSHIP_CONTACTS, Purpose.WORKSITE_LEADERS, Purpose.VOTING_DATA, Purpose.OFFICIAL_ELECTION_NOTICE);
    /** Offered too, after a divider, so the page can say why they are never allowed (confidentiality §5). */
    static final List<Purpose> BANNED = List.of(Purpose.OFFICER_ELECTION, Purpose.CANDIDATE_PROMOTION);

    /** How the decision came to be shown: checked before sending, or the answer to sending. */
    public enum Mode { CHECKED, REFUSED }

    /** One radio or checkbox: its value, label, hint (may be empty) and whether it is chosen. */
    public record Choice(String value, String label, String hint, boolean checked) {
    }

    private final RequestForm form;
    private final ShownDecision decision;
    private final Mode mode;
    private final Long auditSeq;
    private final List<Choice> campaigns;
    private final List<Choice> fields;
    private final String ownScopes;

    NewRequestPage(PageContext page, RequestForm form, List<FormError> errors, Decision decision, Mode mode, Long auditSeq,
                   List<CampaignView> campaigns, FieldCatalogue catalogue) {
        super("request-new.ftlh", page, page.messages().get("requests.new.title"), errors);
        this.form = form;
        this.decision = decision == null ? null : shown(decision);
        this.mode = mode;
        this.auditSeq = auditSeq;
        this.campaigns = campaigns.stream().map(c -> new Choice(Long.toString(c.id()), t("requests.campaign.option",
                c.name(), Long.toString(c.id()), scope(ScopeType.valueOf(c.scopeType()), c.scopeId()), date(c.endsOn())), "",
                form.campaignId().strip().equals(Long.toString(c.id())))).toList();
        this.fields = catalogue.fields().stream().map(f -> new Choice(f, field(f),
                catalogue.sensitive().contains(f) ? t("requests.hint.sensitive") : "", form.hasField(f))).toList();
        this.ownScopes = ownScopes(page.requester());
    }

    public RequestForm getForm() {
        return form;
    }

    public ShownDecision getDecision() {
        return decision;
    }

    public String getMode() {
        return mode == null ? "" : mode.name();
    }

    public Long getAuditSeq() {
        return auditSeq;
    }

    public List<Choice> getPurposes() {
        return choices(OFFERED.stream().map(Purpose::name).toList(), form.purpose(), "purpose");
    }

    public List<Choice> getBannedPurposes() {
        return choices(BANNED.stream().map(Purpose::name).toList(), form.purpose(), "purpose");
    }

    public List<Choice> getCampaigns() {
        return campaigns;
    }

    public List<Choice> getScopeTypes() {
        return choices(java.util.Arrays.stream(ScopeType.values()).map(ScopeType::name).toList(), form.scopeType(), "scopeType");
    }

    public List<Choice> getAudiences() {
        return choices(java.util.Arrays.stream(Audience.values()).map(Audience::name).toList(), form.audience(), "audience");
    }

    public List<Choice> getChannels() {
        return choices(java.util.Arrays.stream(Channel.values()).map(Channel::name).toList(), form.channel(), "channel");
    }

    public List<Choice> getFields() {
        return fields;
    }

    /** The parts of the union the person covers, to help fill in the scope: "local L083; region R3". */
    public String getOwnScopes() {
        return ownScopes;
    }

    /** The scope id's hint, with the parts of the union the person covers when they cover any. */
    public String getScopeIdHint() {
        return ownScopes.isEmpty() ? t("requests.hint.scopeId")
                : t("requests.hint.scopeId") + " " + t("requests.hint.ownScopes", ownScopes);
    }

    public int getMaxJustification() {
        return org.membergateway.policy.AccessRequestParser.MAX_JUSTIFICATION;
    }

    /** Whether the narrowing filters were used, so the part of the form that holds them starts open. */
    public boolean isNarrowed() {
        return !form.worksite().isBlank() || !form.classification().isBlank()
                || errorFor("worksite") != null || errorFor("classification") != null;
    }

    private List<Choice> choices(List<String> values, String chosen, String group) {
        List<Choice> choices = new ArrayList<>(values.size());
        for (String value : values) {
            String hintKey = "requests.hint." + group + "." + value;
            choices.add(new Choice(value, t("requests.label." + group + "." + value),
                    getPage().messages().has(hintKey) ? t(hintKey) : "", value.equals(chosen)));
        }
        return choices;
    }

    private String ownScopes(Requester me) {
        List<String> parts = new ArrayList<>();
        me.locals().stream().sorted().forEach(l -> parts.add(scope(ScopeType.LOCAL, l)));
        me.regions().stream().sorted().forEach(r -> parts.add(scope(ScopeType.REGION, r)));
        me.employerGroups().stream().sorted().forEach(g -> parts.add(scope(ScopeType.EMPLOYER_GROUP, g)));
        return String.join("; ", parts);
    }
}
