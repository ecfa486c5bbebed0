package org.membergateway.policy;

/** What a campaign or project is for (CONTRACT §3; confidentiality §7, §8). */
public enum CampaignKind {
    CAPE,
    SELECTIVE_CLASSIFICATION,
    ORGANIZING,
    CONTRACT,
    ISSUE
}
