package org.membergateway.audit;

import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;

/**
 * One committed entry of the trail (README, Audit trail). {@code hash} = SHA-256(prevHash || leafHash)
 * where the leaf hash covers every other field; docs/audit-format.md defines the bytes.
 */
public record AuditEntry(
        long seq,
        @JsonSerialize(using = AuditTime.Serializer.class) Instant at,
        String actor,
        String action,
        String target,
        String decision,
        List<String> reasons,
        String policyVersion,
        Long rows,
        String exportDigest,
        Sha256Hash prevHash,
        Sha256Hash hash) {

    public AuditEntry {
        reasons = List.copyOf(reasons);
    }
}
