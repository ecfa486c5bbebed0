package org.membergateway.vendors;

/**
 * The answer to {@code POST /vendors} (README, Vendors): the vendor's id and its API key, shown this
 * once (only its digest is kept), with the agreement made with it and the key fingerprint pinned.
 */
public record CreatedVendor(long id, String name, String apiKey, long agreementId, String openpgpFingerprint,
                            AgreementView agreement) {

    /** The API key never reaches a log line. */
    @Override
    public String toString() {
        return "CreatedVendor[" + id + ", apiKey=[REDACTED], agreement " + agreementId + "]";
    }
}
