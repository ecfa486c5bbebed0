package org.membergateway.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Reason;
import org.membergateway.policy.ScopeType;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.RequestStatus;

/**
 * What the request and approval pages have in common: a request, a decision and its reasons said in
 * the reader's language. The policy's own explanations are in English and name the clause; the
 * pages put a plain sentence for each rule first and keep the policy's words as the detail, so a
 * reason reads the same whatever language the page is in.
 */
public abstract class RequestPageView extends PageView {

    protected RequestPageView(String template, PageContext page, String title, List<FormError> errors) {
        super(template, page, title, errors);
    }

    /** One reason of a decision: the plain sentence for its rule, the clause it cites, the policy's own words. */
    public record ShownReason(String rule, String plain, String clause, String detail) {
    }

    /** A decision as the form shows it, before or after sending. */
    public record ShownDecision(String status, String tag, List<ShownReason> reasons, String approvers,
                                List<String> allowedFields, boolean fieldsTooMany) {
    }

    /** An approver's decision. */
    public record ShownApproval(String approver, boolean approve, String note, String decidedAt) {
    }

    /** A stored request, every value in the reader's words. */
    public record ShownRequest(long id, String href, String status, String statusName, String tag, String requester,
                               String purpose, String campaign, String scope, String filters, String audience,
                               String channel, List<String> fields, String justification, String createdAt,
                               String expiresLabel, String expiresAt, List<ShownReason> reasons, String approvers,
                               ShownApproval approval, boolean vendorExtract) {
    }

    protected ShownRequest shown(ListRequest request, OffsetDateTime now) {
        AccessRequest asked = request.request();
        RequestStatus status = request.statusAt(now);
        AccessRequest.Filters filters = asked.filters();
        String narrowed = filters.worksite() == null && filters.classification() == null && filters.electionId() == null ? ""
                : String.join("; ", java.util.stream.Stream.of(
                        filters.electionId() == null ? null : t("requests.summary.election", filters.electionId()),
                        filters.worksite() == null ? null : t("requests.summary.worksite", filters.worksite()),
                        filters.classification() == null ? null : t("requests.summary.classification", filters.classification()))
                        .filter(java.util.Objects::nonNull).toList());
        String expiresLabel = switch (status) {
            case PENDING_APPROVAL -> t("requests.summary.decideBy");
            case APPROVED -> t("requests.summary.exportUntil");
            case REJECTED, EXPIRED -> null;
        };
        ListRequest.Approval approval = request.approval();
        return new ShownRequest(request.id(), "/requests/" + request.id(), status.name(), statusName(status.name()),
                tag(status.name()), request.requester(), purpose(asked.purpose().name()),
                asked.campaignId() == null ? null : t("requests.summary.campaignNumber", asked.campaignId()),
                scope(asked.scope().type(), asked.scope().id()), narrowed, audience(asked.audience().name()),
                asked.channel() == null ? null : channel(asked.channel().name()),
                asked.fields().stream().map(this::field).toList(), asked.justification(),
                getPage().dateTime(request.createdAt()), expiresLabel,
                expiresLabel == null ? null : getPage().dateTime(request.expiresAt()),
                reasons(request.reasons()), approvers(request.approvers()),
                approval == null ? null : new ShownApproval(approval.approver(), approval.approve(), approval.note(),
                        getPage().dateTime(approval.decidedAt())),
                request.isVendorExtract());
    }

    protected ShownDecision shown(Decision decision) {
        String status = decision.outcome().status();
        boolean tooMany = decision.reasons().stream()
                .anyMatch(r -> r.rule() == org.membergateway.policy.RuleId.FIELDS_EXCEED_PURPOSE);
        return new ShownDecision(status, tag(status), reasons(decision.reasons()), approvers(decision.approvers()),
                decision.allowedFields().stream().map(this::field).toList(), tooMany);
    }

    protected List<ShownReason> reasons(List<Reason> reasons) {
        return reasons.stream().map(r -> new ShownReason(r.rule().name(), t("requests.rule." + r.rule().name()),
                clause(r.clause()), r.message())).toList();
    }

    /**
     * A citation in the reader's words: "confidentiality §7" names the union's policy text, which
     * exists in Vietnamese and English; the AP&amp;P sections keep their own name.
     */
    public String clause(String clause) {
        return clause.replace("confidentiality", t("requests.clause.confidentiality"));
    }

    /** "Local president (local L083) or Director (region R3)": any one of them decides. */
    protected String approvers(List<Approver> approvers) {
        List<String> names = approvers.stream().map(a -> a.scopeType() == ScopeType.STATEWIDE ? role(a.role().name())
                : t("requests.approver", role(a.role().name()), scope(a.scopeType(), a.scopeId()))).toList();
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        return t("requests.anyOf", String.join(", ", names.subList(0, names.size() - 1)), names.get(names.size() - 1));
    }

    public String purpose(String purpose) {
        return t("requests.label.purpose." + purpose);
    }

    public String audience(String audience) {
        return t("requests.label.audience." + audience);
    }

    public String channel(String channel) {
        return t("requests.label.channel." + channel);
    }

    public String field(String field) {
        return t("requests.label.field." + field);
    }

    public String role(String role) {
        return t("requests.role." + role);
    }

    public String scope(ScopeType type, String id) {
        return type == ScopeType.STATEWIDE ? t("requests.scope.STATEWIDE") : t("requests.scope." + type.name(), id);
    }

    /** A calendar day as the page's language writes it. */
    public String date(java.time.LocalDate day) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.MEDIUM)
                .withLocale(getPage().language().locale()).format(day);
    }

    public String statusName(String status) {
        return t("requests.status." + status);
    }

    /** The GOV.UK tag colour of a status; the tag says the status in words too. */
    public static String tag(String status) {
        return switch (status) {
            case "APPROVED", "READY" -> "govuk-tag--green";
            case "PENDING_APPROVAL", "BUILDING" -> "govuk-tag--yellow";
            case "REJECTED", "DENIED", "FAILED" -> "govuk-tag--red";
            default -> "govuk-tag--grey";
        };
    }
}
