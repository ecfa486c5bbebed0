package org.membergateway.policy;

/** Whose rows a list holds (README, List requests and exports). */
public enum Audience {
    /** Members in good standing ({@code membership_status = MEMBER}). */
    MEMBERS,
    /** Everyone the union represents at work: members, fair-share payers and non-members; not retirees. */
    REPRESENTED_WORKERS,
    /** CAPE contributors, for a CAPE campaign. */
    CAPE_CONTRIBUTORS
}
