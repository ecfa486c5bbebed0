package org.membergateway.audit;

/**
 * The one way to write to the audit trail. Record the event <em>before</em> the operation's effect
 * leaves the gateway (data, a decision, a response): if recording fails, the operation fails.
 *
 * <p>Entries carry no member PII: no names, addresses, phone numbers, e-mail addresses or birth
 * dates, and no member ids in clear. Should an entry ever need to point at one member, put a keyed
 * HMAC of the member id in {@code target}, never the id itself.
 */
public interface AuditTrail {

    /**
     * Appends the event to the trail and returns once the entry is durably committed.
     *
     * @return the committed entry with its {@code seq} and hashes
     * @throws AuditUnavailableException if it was not committed (database down, no privilege,
     *     queue full, timed out); the caller must then refuse the operation
     */
    AuditEntry record(AuditEvent event);
}
