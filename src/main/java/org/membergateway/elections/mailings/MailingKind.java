package org.membergateway.elections.mailings;

/** What an election mailing carries (V25). */
public enum MailingKind {
    /** A declared candidate's literature, distributed by the union at the candidate's expense (confidentiality §5). */
    CANDIDATE_LITERATURE,
    /** An official notice of the election, the §5 exception: sent by the union, paid for by the union. */
    OFFICIAL_NOTICE
}
