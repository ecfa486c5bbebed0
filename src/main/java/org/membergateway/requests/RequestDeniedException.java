package org.membergateway.requests;

import org.membergateway.policy.Decision;

/**
 * The policy denied a request for member data (403 with every reason and the audit entry that
 * recorded the denial, README, List requests and exports): a new list request, a vendor extract, or an export of an
 * approved request that today's policy no longer allows. Thrown only after the denial is audited.
 */
public final class RequestDeniedException extends RuntimeException {

    private final transient Decision decision;
    private final long auditSeq;

    public RequestDeniedException(Decision decision, long auditSeq) {
        super("the policy denies this request");
        this.decision = decision;
        this.auditSeq = auditSeq;
    }

    public Decision decision() {
        return decision;
    }

    public long auditSeq() {
        return auditSeq;
    }
}
