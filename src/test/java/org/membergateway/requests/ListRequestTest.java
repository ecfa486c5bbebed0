package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.requests.ListRequestFixture.CREATED;
import static org.membergateway.requests.ListRequestFixture.LOCAL_PRESIDENT;
import static org.membergateway.requests.ListRequestFixture.aPendingRequest;
import static org.membergateway.requests.ListRequestFixture.anAllowedRequest;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Role;
import org.membergateway.policy.Approver;
import org.membergateway.policy.Decision;
import org.membergateway.policy.Outcome;
import org.membergateway.policy.Reason;
import org.membergateway.policy.RowSet;
import org.membergateway.policy.RuleId;

/** A list request's own rules: its status as time passes, and whether its approval still covers today's decision. */
class ListRequestTest {

    static Decision decision(Outcome outcome, Approver... approvers) {
        return decision(outcome, List.of(RuleId.APPROVAL_REQUIRED), approvers);
    }

    static Decision decision(Outcome outcome, List<RuleId> escalations, Approver... approvers) {
        List<Reason> reasons = outcome == Outcome.ALLOW ? List.of()
                : escalations.stream().map(rule -> new Reason(rule, "confidentiality §7", "needs approval")).toList();
        return new Decision(outcome, reasons, List.of(approvers), null, List.of(), RowSet.ALL, "sha256:test");
    }

    @Test
    void aPendingRequestExpiresWhenItsTimeHasPassed() {
        ListRequest pending = aPendingRequest().build();
        assertThat(pending.statusAt(pending.expiresAt())).isEqualTo(RequestStatus.PENDING_APPROVAL);
        assertThat(pending.statusAt(pending.expiresAt().plusSeconds(1))).isEqualTo(RequestStatus.EXPIRED);
        assertThat(pending.exportableAt(CREATED)).isFalse();
    }

    @Test
    void anApprovedRequestStaysApprovedButStopsBeingExportable() {
        ListRequest approved = anAllowedRequest().build();
        assertThat(approved.exportableAt(approved.expiresAt().minusSeconds(1))).isTrue();
        assertThat(approved.exportableAt(approved.expiresAt())).isFalse();
        assertThat(approved.statusAt(approved.expiresAt().plusDays(1))).as("an approval is not 'expired' like a pending request")
                .isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void anApprovalCoversTodayOnlyIfTodayAsksForNoMore() {
        ListRequest approvedByPresident = aPendingRequest().approvedBy("president83").build();
        assertThat(approvedByPresident.approvalCovers(decision(Outcome.ALLOW))).isTrue();
        assertThat(approvedByPresident.approvalCovers(decision(Outcome.REQUIRE_APPROVAL, LOCAL_PRESIDENT))).isTrue();
        assertThat(approvedByPresident.approvalCovers(decision(Outcome.REQUIRE_APPROVAL,
                List.of(RuleId.APPROVAL_REQUIRED, RuleId.CANDIDATE_IN_SCOPE),
                LOCAL_PRESIDENT, Approver.statewide(Role.EXECUTIVE_DIRECTOR), Approver.statewide(Role.DESIGNEE))))
                .as("a new escalation the approval did not answer").isFalse();
        // Issue 15 point 2: the same approvers, a different reason. An executive director's approval
        // of a large list does not cover a candidacy declared since, although both name the ED.
        List<Approver> statewide = List.of(Approver.statewide(Role.EXECUTIVE_DIRECTOR), Approver.statewide(Role.DESIGNEE));
        ListRequest largeListApproved = aPendingRequest().withApprovers(statewide).approvedBy("ed").build();
        ListRequest large = new ListRequest(largeListApproved.id(), largeListApproved.requester(), largeListApproved.request(),
                RequestStatus.APPROVED, "sha256:test", List.of(), statewide, List.of(RuleId.LARGE_LIST_APPROVAL), "DIRECTOR_REGION_OR_GROUP",
                CREATED, largeListApproved.expiresAt(), null, null,
                List.of(new org.membergateway.policy.ApprovalStep(RuleId.LARGE_LIST_APPROVAL, statewide)),
                List.of(new ListRequest.Approval("ed", true, "ok", CREATED.plusHours(1), List.of(RuleId.LARGE_LIST_APPROVAL))));
        assertThat(large.approvalCovers(decision(Outcome.REQUIRE_APPROVAL, List.of(RuleId.LARGE_LIST_APPROVAL),
                statewide.toArray(Approver[]::new)))).isTrue();
        assertThat(large.approvalCovers(decision(Outcome.REQUIRE_APPROVAL,
                List.of(RuleId.CANDIDATE_IN_SCOPE, RuleId.LARGE_LIST_APPROVAL), statewide.toArray(Approver[]::new))))
                .as("same approvers, but the candidacy was never approved").isFalse();
        assertThat(large.notCovered(decision(Outcome.REQUIRE_APPROVAL,
                List.of(RuleId.CANDIDATE_IN_SCOPE, RuleId.LARGE_LIST_APPROVAL), statewide.toArray(Approver[]::new))))
                .containsExactly(RuleId.CANDIDATE_IN_SCOPE);
        ListRequest allowedOutright = anAllowedRequest().build();
        assertThat(allowedOutright.approvalCovers(decision(Outcome.REQUIRE_APPROVAL, LOCAL_PRESIDENT)))
                .as("allowed without approval, and approval is now needed").isFalse();
    }
}
