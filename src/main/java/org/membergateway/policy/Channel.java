package org.membergateway.policy;

/** How the requester will reach people; it decides which contact fields a list may carry. */
public enum Channel {
    EMAIL,
    MAIL,
    PHONE
}
