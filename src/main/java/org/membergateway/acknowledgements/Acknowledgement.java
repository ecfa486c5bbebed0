package org.membergateway.acknowledgements;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A recorded acknowledgement as the API returns it (README, Confidentiality acknowledgements). {@code receipt} is the canonical
 * text the gateway signed (docs/acknowledgements.md) and {@code signature} its ASCII-armored
 * detached OpenPGP signature, verifiable with {@code gpg --verify} and {@code GET /api/v1/keys/openpgp}.
 *
 * @param method ONLINE (typed name) or PAPER (logged by staff)
 * @param signedOn PAPER only: the date on the form
 * @param witness PAPER only
 * @param recordedBy who logged it: the person (ONLINE), a staff member (PAPER), or {@code system} (demo)
 * @param keyFingerprint the gateway key that signed the receipt
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Acknowledgement(String id, String username, String documentId, String version, String language,
                              String documentSha256, String method, @JsonFormat(shape = JsonFormat.Shape.STRING) Instant signedAt,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) Instant expiresAt,
                              @JsonFormat(shape = JsonFormat.Shape.STRING) LocalDate signedOn, String witness, String recordedBy, String keyFingerprint,
                              String receipt, String signature) {

    public static final String ONLINE = "ONLINE";
    public static final String PAPER = "PAPER";

    /** Names stay out of log lines. */
    @Override
    public String toString() {
        return "Acknowledgement[" + id + " " + username + " " + documentId + "/" + version + "/" + language + "]";
    }
}
