package org.membergateway.audit;

/**
 * What an audit entry records; its name is the entry's {@code action}. New types may be added;
 * a name, once written to the trail, is never renamed (old entries' hashes depend on it).
 */
public enum AuditEventType {
    /** Members loaded from a CSV (HTTP or command line); {@code rows} is the number of rows. */
    MEMBER_IMPORT,
    /** Membership voting data loaded from a CSV (AP&P XVI §6(e)); {@code rows} is the records written, never their content. */
    VOTING_RECORDS_IMPORT,
    /** The policy engine evaluated a request; {@code decision} and {@code reasons} say what it found. */
    DECISION,
    /** Member data left the gateway (an export was created or downloaded); carries rows and the export digest. */
    DATA_RELEASE,
    /** An approver approved or rejected a request. */
    APPROVAL,
    /** A person acknowledged the confidentiality policy (online or on paper). */
    ACKNOWLEDGEMENT,
    /**
     * Credentials were rejected, tallied per source, name and window ({@link AuditTally}): decision
     * DENIED for the window's first, TALLIED with {@code rows} = all of them once it has closed. The
     * actor is an account's username, {@code name-hmac:<hex>} for any other name, or
     * {@code vendor:unknown}; never the password or key.
     */
    LOGIN_FAILURE,
    /** An account was locked after repeated failures. */
    LOCKOUT,
    /** People, roles, scopes, candidacies, campaigns, vendors or agreements changed. */
    DIRECTORY_CHANGE,
    /** An export's ciphertext and key were destroyed (expiry, download limit, purge). */
    EXPORT_DESTROYED,
    /** Someone verified the trail; {@code decision} is VALID or INVALID. */
    AUDIT_VERIFICATION,
    /** An auditor looked for leaked seed records; {@code rows} is how many seeds matched (the values are not kept). */
    LEAK_TRACE,
    /** Checkpoint signing: a new signing key was put into service. Checkpoints themselves live in their own table. */
    CHECKPOINT,
    /** A vendor (or staff on its behalf) attested that an extract's data was destroyed; target {@code list-request:<id>}. */
    EXTRACT_DESTRUCTION_ATTESTED,
    /** A person signed in to the pages (decision STARTED) or out (ENDED); target {@code web-session:<id>}. */
    SESSION,
    /**
     * An auditor downloaded a CSV report of the trail (decision EXPORTED); target
     * {@code audit-report:<first day>..<last day>}, rows = entries in the report. Entries hold no
     * member data, so this is not a DATA_RELEASE.
     */
    AUDIT_REPORT,
    /**
     * A signed-in caller was refused something that is not theirs or no longer there (a list request
     * or export they may not see, a download past its limit), tallied per actor, reason and window
     * like LOGIN_FAILURE; no ids, no member data.
     */
    ACCESS_REFUSED,
    /**
     * The retention purge disposed of records (policies/retention.yml): one entry per record type,
     * target {@code retention:<record type>}, decision DISPOSED, rows = how many, policy version =
     * the schedule's {@code sha256:}. Counts only; never ids or member data.
     */
    RETENTION_PURGE,
    /**
     * The export wrapping key was rotated ({@code export-wrapping-rotate}): decision ROTATED, target
     * {@code export-wrapping-key:<new primary id>;previous:<old primary id>}, rows = live export data
     * keys rewrapped under the new key; then, with {@code --retire-old}, decision RETIRED, target
     * {@code export-wrapping-key:<new primary id>;retired:<id>,<id>...}, rows = keys removed. Key ids
     * only (Tink's public key ids), never key material. Also a key moved into or made in the
     * database at start (decision IMPORTED or CREATED, target {@code sealed-key:<name>:v<version>},
     * actor system), and the checkpoint key rotated by {@code rotate-keys} (decision ROTATED, target
     * {@code checkpoint-key:v<n>:<new verifier key>;previous:<old verifier key>}).
     */
    KEY_ROTATION
}
