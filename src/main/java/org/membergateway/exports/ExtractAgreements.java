package org.membergateway.exports;

import java.time.LocalDate;
import java.util.Optional;
import org.membergateway.policy.AgreementFact;

/**
 * The vendor agreements extracts are made under, as exports need them: the fact an extract is
 * decided again on, the key it is encrypted to, and whether a vendor may pull at all. Declared here
 * and answered by the vendors capability (which depends on this one). Calls run in the caller's
 * transaction when there is one.
 */
public interface ExtractAgreements {

    /** Agreement {@code agreementId} as the policy decides on it today. */
    Optional<AgreementFact> agreement(long agreementId);

    /** The ASCII-armored OpenPGP key agreement {@code agreementId} pinned. */
    Optional<String> pinnedKey(long agreementId);

    /** Whether any agreement of the vendor is in force on {@code day}. */
    boolean anyInForce(long vendorId, LocalDate day);
}
