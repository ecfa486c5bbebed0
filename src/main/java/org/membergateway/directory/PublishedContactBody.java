package org.membergateway.directory;

/**
 * {@code PUT /people/{username}/published-contact}: what a leader publishes for their role. A
 * missing or empty value publishes none of it; {@code published: false} withdraws both.
 */
public record PublishedContactBody(String workEmail, String phone, Boolean published) {

    /** Contact values stay out of log lines. */
    @Override
    public String toString() {
        return "PublishedContactBody[published=" + published + "]";
    }
}
