package org.membergateway.requests;

import java.util.List;
import org.membergateway.policy.DecisionView;

/** The answer to a denied request (README, List requests and exports): every reason, the policy version, and the audit entry. */
public record DeniedView(String status, List<DecisionView.ReasonView> reasons, String policyVersion, long auditSeq) {

    public static DeniedView of(RequestDeniedException denied) {
        return new DeniedView(denied.decision().outcome().status(), DecisionView.reasons(denied.decision().reasons()),
                denied.decision().policyVersion(), denied.auditSeq());
    }
}
