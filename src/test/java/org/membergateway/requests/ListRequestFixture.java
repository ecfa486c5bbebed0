package org.membergateway.requests;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.membergateway.auth.Role;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.ApprovalStep;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PlacedScope;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RuleId;
import org.membergateway.policy.ScopeType;

/**
 * Typed list requests for unit and resource tests, built as the DAO would read them: an officer's
 * e-mail list of local L083 pending its local president unless a test says otherwise.
 */
final class ListRequestFixture {

    static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 12, 1, 9, 0, 0, 0, ZoneOffset.UTC);
    static final Approver LOCAL_PRESIDENT = new Approver(Role.LOCAL_PRESIDENT, ScopeType.LOCAL, "L083");

    private long id = 7;
    private String requester = "officer83";
    private RequestStatus status = RequestStatus.PENDING_APPROVAL;
    private List<Approver> approvers = List.of(LOCAL_PRESIDENT);
    private OffsetDateTime expiresAt = CREATED.plusDays(14);
    private ListRequest.Approval approval;

    static ListRequestFixture aPendingRequest() {
        return new ListRequestFixture();
    }

    static ListRequestFixture anAllowedRequest() {
        return new ListRequestFixture().withStatus(RequestStatus.APPROVED).withApprovers(List.of())
                .withRequester("president83").expiringAt(CREATED.plusDays(30));
    }

    ListRequestFixture withId(long value) {
        id = value;
        return this;
    }

    ListRequestFixture withRequester(String value) {
        requester = value;
        return this;
    }

    ListRequestFixture withStatus(RequestStatus value) {
        status = value;
        return this;
    }

    ListRequestFixture withApprovers(List<Approver> value) {
        approvers = value;
        return this;
    }

    ListRequestFixture expiringAt(OffsetDateTime value) {
        expiresAt = value;
        return this;
    }

    ListRequestFixture approvedBy(String approver) {
        status = RequestStatus.APPROVED;
        approval = new ListRequest.Approval(approver, true, "fine", CREATED.plusHours(1), List.of(RuleId.APPROVAL_REQUIRED));
        return this;
    }

    ListRequest build() {
        AccessRequest request = new AccessRequest(Purpose.LOCAL_COMMUNICATION, null,
                PlacedScope.local("L083", "R3", "STATE_AGENCIES"), AccessRequest.Filters.NONE, Audience.MEMBERS,
                Channel.EMAIL, List.of("first_name", "last_name", "home_email"), "Bargaining update");
        List<Reason> reasons = approvers.isEmpty() ? List.of()
                : List.of(new Reason(RuleId.APPROVAL_REQUIRED, "confidentiality §7", "Needs the local president."));
        return new ListRequest(id, requester, request, status, "sha256:test", reasons, approvers,
                reasons.stream().map(Reason::rule).toList(), "LOCAL_OFFICER_OWN_LOCAL", CREATED, expiresAt, null, null,
                approvers.isEmpty() ? List.of() : List.of(new ApprovalStep(RuleId.APPROVAL_REQUIRED, approvers)),
                approval == null ? List.of() : List.of(approval));
    }
}
