package org.membergateway.policy;

/** The office a declared candidate runs for (README, HTTP API); candidates' literature is their own expense (confidentiality §5). */
public enum Office {
    LOCAL_OFFICE,
    BOARD_SEAT,
    STATEWIDE_OFFICE,
    CAPE_POSITION
}
