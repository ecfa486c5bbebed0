package org.membergateway.policy;

import java.time.Instant;

/** Where a person stands with the confidentiality agreement (confidentiality §10); the acknowledgements capability answers. */
public interface AcknowledgementLookup {

    AcknowledgementStatus status(String username, Instant now);

    /** How to sign, for denial messages: the endpoint and the current document and version. */
    String whereToSign();
}
