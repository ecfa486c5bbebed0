package org.membergateway.acknowledgements;

/**
 * The body of {@code POST /api/v1/acknowledgements/paper}: staff log an acknowledgement someone
 * signed on paper. {@code signedOn} is the ISO date on the form (a string, so that a wrong one is
 * a 400 naming the field); {@code witness} who saw it signed.
 */
public record PaperAcknowledgement(String username, String documentId, String version, String language,
                                   String signedOn, String witness) {

    @Override
    public String toString() {
        return "PaperAcknowledgement[" + username + " " + documentId + "/" + version + "/" + language + "]";
    }
}
