package org.membergateway.policy;

/**
 * Where a person stands with the confidentiality agreement the policy requires before anyone holds
 * member data (confidentiality §10). A fact the services gather and the engine decides on.
 */
public enum AcknowledgementStatus {
    /** Acknowledged the current version of every required document, and it has not expired. */
    CURRENT,
    /** Never acknowledged. */
    MISSING,
    /** Acknowledged an earlier version; the text changed since. */
    OUTDATED,
    /** Acknowledged the current version, but longer ago than the configured validity. */
    EXPIRED
}
