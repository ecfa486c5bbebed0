package org.membergateway.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import org.membergateway.directory.ScopeLookups;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.MemberCounts;
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

    /**
     * One type of scope the person covers: its radio, and under it the scopes of that type to pick
     * from (a list when there are several; when there is one, the radio names it and a hidden
     * field carries its id; none for the whole union).
     *
     * @param selectId the list's id, {@code scopeId} for the chosen type so that an error about the
     *     id links to it
     */
    public record ScopeGroup(String type, String label, String hint, boolean checked, List<Choice> options,
                             String selectId, String selectLabel, String choose) {
        public boolean isList() {
            return options.size() > 1;
        }

        public String getOnlyId() {
            return options.size() == 1 ? options.get(0).value() : null;
        }
    }

    /**
     * One field's checkbox. It is shown when the chosen purpose and channel allow the field, or when
     * it is checked (so a refusal of it makes sense); {@code allowedFor} lists every
     * {@code PURPOSE.CHANNEL} that allows it, for the script that shows and hides fields as the
     * purpose and channel change.
     */
    public record FieldChoice(String value, String label, String hint, boolean checked, boolean shown, String allowedFor) {
    }

    /** What the fields part of the form can offer: nothing until a purpose and channel are chosen; nothing for a banned purpose. */
    public enum FieldsOffer { CHOOSE_FIRST, NONE, OFFERED }

    /** The one scope a person covers, shown as a fact rather than a choice of one. */
    public record OnlyScope(String type, String id, String label) {
    }

    private final RequestForm form;
    private final ShownDecision decision;
    private final Mode mode;
    private final Long auditSeq;
    private final List<Choice> campaigns;
    private final List<FieldChoice> fields;
    private final FieldsOffer fieldsOffer;
    private final ScopeLookups.Coverage coverage;
    private final List<ScopeGroup> scopeGroups;
    private final List<String> reach;

    /** @param reach how many members the checked request is about and reaches; null when not checked or denied */
    NewRequestPage(PageContext page, RequestForm form, List<FormError> errors, Decision decision, Mode mode, Long auditSeq,
                   MemberCounts.Reach reach, ScopeLookups.Choices choices, FieldCatalogue catalogue) {
        super("request-new.ftlh", page, page.messages().get("requests.new.title"), errors);
        this.form = form;
        this.decision = decision == null ? null : shown(decision);
        this.mode = mode;
        this.auditSeq = auditSeq;
        this.campaigns = choices.campaigns().stream().map(c -> new Choice(Long.toString(c.id()), t("requests.campaign.option",
                c.name(), Long.toString(c.id()), scope(ScopeType.valueOf(c.scopeType()), c.scopeId()), date(c.endsOn())), "",
                form.campaignId().strip().equals(Long.toString(c.id())))).toList();
        Optional<Purpose> purpose = chosen(Purpose.class, form.purpose());
        Optional<Channel> channel = chosen(Channel.class, form.channel());
        Optional<List<String>> allowed = purpose.flatMap(p -> channel.flatMap(c -> catalogue.allowed(p, c)));
        this.fieldsOffer = purpose.isEmpty() || channel.isEmpty() ? FieldsOffer.CHOOSE_FIRST
                : allowed.isPresent() ? FieldsOffer.OFFERED : FieldsOffer.NONE;
        this.fields = catalogue.fields().stream().map(f -> fieldChoice(f, catalogue, allowed.orElse(List.of()))).toList();
        this.coverage = choices.coverage();
        this.scopeGroups = scopeGroups(coverage);
        this.reach = reach == null ? null : reach(reach);
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

    /** Whether the person covers no part of the union at all: the page says so instead of showing a form. */
    public boolean isCoversNothing() {
        return coverage.none();
    }

    /** The scope types the person covers, each with its scopes, when there is more than one scope to choose from. */
    public List<ScopeGroup> getScopeGroups() {
        return getOnlyScope() == null ? scopeGroups : List.of();
    }

    /** The person's one and only scope, or null when they cover several (or none). */
    public OnlyScope getOnlyScope() {
        if (scopeGroups.size() != 1 || scopeGroups.get(0).isList()) {
            return null;
        }
        ScopeGroup only = scopeGroups.get(0);
        return new OnlyScope(only.type(), only.getOnlyId(), only.options().isEmpty() ? t("requests.scopeOnly." + only.type())
                : t("requests.scopeOnly." + only.type(), only.options().get(0).label()));
    }

    /**
     * What the check found, one line each: how many members the request is about, and how many of
     * them its channel reaches (the rows of its list). Null when nothing was counted.
     */
    public List<String> getReach() {
        return reach;
    }

    public List<Choice> getAudiences() {
        return choices(Arrays.stream(Audience.values()).map(Audience::name).toList(), form.audience(), "audience");
    }

    public List<Choice> getChannels() {
        return choices(Arrays.stream(Channel.values()).map(Channel::name).toList(), form.channel(), "channel");
    }

    /** Every field, each shown or hidden for the chosen purpose and channel. */
    public List<FieldChoice> getFields() {
        return fields;
    }

    public String getFieldsOffer() {
        return fieldsOffer.name();
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

    private FieldChoice fieldChoice(String field, FieldCatalogue catalogue, List<String> allowed) {
        boolean checked = form.hasField(field);
        boolean isAllowed = allowed.contains(field);
        String hint = checked && !isAllowed && fieldsOffer != FieldsOffer.CHOOSE_FIRST ? t("requests.hint.notAllowed")
                : catalogue.sensitive().contains(field) ? t("requests.hint.sensitive") : "";
        StringJoiner allowedFor = new StringJoiner(" ");
        for (Purpose purpose : Purpose.values()) {
            for (Channel channel : Channel.values()) {
                if (catalogue.allowed(purpose, channel).orElse(List.of()).contains(field)) {
                    allowedFor.add(purpose.name() + "." + channel.name());
                }
            }
        }
        return new FieldChoice(field, field(field), hint, checked, isAllowed || checked, allowedFor.toString());
    }

    /** The constant a radio sent, if it is one of {@code type}'s. */
    private static <E extends Enum<E>> Optional<E> chosen(Class<E> type, String sent) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equals(sent)).findFirst();
    }

    private List<ScopeGroup> scopeGroups(ScopeLookups.Coverage coverage) {
        List<ScopeGroup> groups = new ArrayList<>(4);
        group(groups, ScopeType.LOCAL, coverage.locals().stream().map(l -> new Choice(l.id(),
                t("requests.scopeOption.LOCAL", l.id(), l.name(), l.regionName(), l.employerGroupName()), "",
                chosen(ScopeType.LOCAL, l.id()))).toList());
        group(groups, ScopeType.REGION, coverage.regions().stream().map(r -> new Choice(r.id(),
                t("requests.scopeOption.named", r.id(), r.name()), "", chosen(ScopeType.REGION, r.id()))).toList());
        group(groups, ScopeType.EMPLOYER_GROUP, coverage.employerGroups().stream().map(g -> new Choice(g.id(),
                t("requests.scopeOption.named", g.id(), g.name()), "", chosen(ScopeType.EMPLOYER_GROUP, g.id()))).toList());
        // The worksite leaders' master list (AP&P IV §6) is the one statewide list every officer may have:
        // the whole union is offered them once that purpose is chosen, not for lists the policy refuses there.
        if (coverage.statewide() || coverage.masterList() && Purpose.WORKSITE_LEADERS.name().equals(form.purpose())) {
            groups.add(new ScopeGroup(ScopeType.STATEWIDE.name(), t("requests.label.scopeType.STATEWIDE"),
                    t("requests.hint.scopeType.STATEWIDE"), ScopeType.STATEWIDE.name().equals(form.scopeType()), List.of(),
                    null, null, null));
        }
        return groups;
    }

    private void group(List<ScopeGroup> groups, ScopeType type, List<Choice> options) {
        if (options.isEmpty()) {
            return;
        }
        boolean checked = type.name().equals(form.scopeType());
        String label = options.size() == 1 ? t("requests.label.scopeType.one." + type.name(), options.get(0).label())
                : t("requests.label.scopeType." + type.name());
        groups.add(new ScopeGroup(type.name(), label, "", checked, options,
                checked ? "scopeId" : "scopeId-" + type.name(), t("requests.label.scopeId." + type.name()),
                t("requests.scopeId.choose." + type.name())));
    }

    private boolean chosen(ScopeType type, String id) {
        return type.name().equals(form.scopeType()) && id.equals(form.scopeId().strip());
    }

    private List<String> reach(MemberCounts.Reach counts) {
        String channel = form.channel();
        String reachable = getPage().messages().has("requests.decision.reachable." + channel)
                ? "requests.decision.reachable." + channel : "requests.decision.reachable.any";
        return List.of(t("requests.decision.inScope", counts.inScope()), t(reachable, counts.reachable()));
    }
}
