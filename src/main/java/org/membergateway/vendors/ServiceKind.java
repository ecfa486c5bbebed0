package org.membergateway.vendors;

/** The services a vendor may be engaged for (confidentiality §3; README, Vendors). */
public enum ServiceKind {
    /** A mail house: prints and mails union communications. */
    MAIL_HOUSE,
    /** Address certification and correction (USPS CASS / NCOA). */
    ADDRESS_VERIFICATION,
    /** Checking people against voter registration records. */
    VOTER_REGISTRATION_CHECK,
    /** An insurance carrier of a member benefit. */
    BENEFITS_CARRIER,
    /** A carrier of a legal services member benefit. */
    LEGAL_BENEFITS,
    /**
     * Delivers candidates' literature and official notices of a union election to its electorate, by
     * post or email (confidentiality §5; 29 CFR 452.67): the electorate is the members, so the
     * agreement names membership status (§4).
     */
    ELECTION_LITERATURE
}
