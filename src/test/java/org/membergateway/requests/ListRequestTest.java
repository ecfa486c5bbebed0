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
        List<Reason> reasons = outcome == Outcome.ALLOW ? List.of()
                : List.of(new Reason(RuleId.APPROVAL_REQUIRED, "confidentiality §7", "needs approval"));
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
                Approver.statewide(Role.EXECUTIVE_DIRECTOR), Approver.statewide(Role.DESIGNEE)))).isFalse();
        ListRequest allowedOutright = anAllowedRequest().build();
        assertThat(allowedOutright.approvalCovers(decision(Outcome.REQUIRE_APPROVAL, LOCAL_PRESIDENT)))
                .as("allowed without approval, and approval is now needed").isFalse();
    }
}
