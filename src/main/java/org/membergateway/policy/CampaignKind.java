package org.membergateway.policy;

/** What a campaign or project is for (README, HTTP API; confidentiality §7, §8). */
public enum CampaignKind {
    CAPE,
    SELECTIVE_CLASSIFICATION,
    ORGANIZING,
    CONTRACT,
    ISSUE
}
