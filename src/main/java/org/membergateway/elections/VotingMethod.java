package org.membergateway.elections;

/** How a member cast their ballot in a statewide election (AP&P XVI §6(e) voting data). */
public enum VotingMethod {
    MAIL,
    ONLINE,
    IN_PERSON
}
