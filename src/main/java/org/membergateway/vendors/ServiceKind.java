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
    LEGAL_BENEFITS
}
