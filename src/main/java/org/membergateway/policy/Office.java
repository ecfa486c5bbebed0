package org.membergateway.policy;

/** The office a declared candidate runs for (README, HTTP API); candidates' literature is their own expense (confidentiality §5). */
public enum Office {
    LOCAL_OFFICE,
    BOARD_SEAT,
    STATEWIDE_OFFICE,
    CAPE_POSITION;

    /** Whether an electorate of {@code scopeType} elects this office: a local its officers, the union its statewide ones. */
    public boolean electedBy(ScopeType scopeType) {
        return switch (this) {
            case LOCAL_OFFICE -> scopeType == ScopeType.LOCAL;
            case STATEWIDE_OFFICE -> scopeType == ScopeType.STATEWIDE;
            case BOARD_SEAT -> scopeType != ScopeType.LOCAL;
            case CAPE_POSITION -> true;
        };
    }
}
