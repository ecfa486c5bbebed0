package org.membergateway.policy;

/** Which of the audience's rows a purpose reaches, beyond scope and audience. */
public enum RowSet {
    /** Everyone in the scope and audience. */
    ALL,
    /** Only the local's stewards and worksite leaders (confidentiality §6). */
    LOCAL_LEADERS,
    /** Only worksite leaders (AP&P IV §6). */
    WORKSITE_LEADERS
}
