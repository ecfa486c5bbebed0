package org.membergateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The outcome of verifying the whole trail (README, Audit trail): {@code {"valid": true, "entries", "head"}}
 * or {@code {"valid": false, "firstInvalidSeq", "reason"}}, with a little more of each.
 *
 * @param entries entries read (the whole trail when valid)
 * @param head hash of the last entry; null for an empty trail or an invalid one
 * @param checkpoints signed checkpoints checked
 * @param latestCheckpoint tree size of the newest checkpoint checked, if any
 * @param firstInvalidSeq the first seq that is not as it was written
 * @param problem what kind of tampering or damage was found
 * @param reason a sentence for people
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditVerification(boolean valid, long entries, Sha256Hash head, long checkpoints, Long latestCheckpoint,
                                Long firstInvalidSeq, Problem problem, String reason) {

    /** Kinds of failure; the names are stable (they appear in AUDIT_VERIFICATION entries). */
    public enum Problem {
        /** A seq is absent: the entry was deleted. */
        ENTRY_MISSING,
        /** A seq appears that should not (out of order or duplicated): an entry was inserted. */
        ENTRY_UNEXPECTED,
        /** A stored value no writer could have produced. */
        ENTRY_MALFORMED,
        /** The entry's content does not hash to its stored leaf hash or entry hash. */
        ENTRY_MODIFIED,
        /** The entry's prevHash is not the previous entry's hash. */
        CHAIN_BROKEN,
        /** A checkpoint's signature does not verify with the log's key, or the row disagrees with its note. */
        CHECKPOINT_INVALID,
        /** The entries no longer produce the root hash a checkpoint signed. */
        CHECKPOINT_MISMATCH,
        /** A checkpoint signed more entries than the trail now has: the last ones were removed. */
        ENTRIES_MISSING
    }

    static AuditVerification valid(long entries, Sha256Hash head, long checkpoints, Long latestCheckpoint) {
        return new AuditVerification(true, entries, head, checkpoints, latestCheckpoint, null, null, null);
    }

    static AuditVerification invalid(long entries, long checkpoints, Long latestCheckpoint, long seq, Problem problem,
                                     String reason) {
        return new AuditVerification(false, entries, null, checkpoints, latestCheckpoint, seq, problem, reason);
    }
}
