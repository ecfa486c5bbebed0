package org.membergateway.acknowledgements;

/**
 * The body of {@code POST /api/v1/acknowledgements}: the person acknowledges a text by typing
 * their name. {@code username} may be left out; if given it must be the caller's own.
 */
public record NewAcknowledgement(String documentId, String version, String language, String typedName,
                                 String username) {

    /** Names stay out of log lines. */
    @Override
    public String toString() {
        return "NewAcknowledgement[" + documentId + "/" + version + "/" + language + "]";
    }
}
