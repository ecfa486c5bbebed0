package org.membergateway.elections;

import java.util.Objects;

/**
 * One line of a voting-records CSV: whether a member voted in one election, and how.
 *
 * @param line the 1-based physical line of the file it came from, so a refusal can name it
 * @param method how they voted; null exactly when they did not
 */
public record VotingRecord(long line, String electionId, String memberId, boolean voted, VotingMethod method) {

    public VotingRecord {
        Objects.requireNonNull(electionId, "electionId");
        Objects.requireNonNull(memberId, "memberId");
        if (voted != (method != null)) {
            throw new IllegalArgumentException("a method exactly when the member voted");
        }
    }

    /** JDBI binds the method by name; null when the member did not vote. */
    public String methodName() {
        return method == null ? null : method.name();
    }

    /** Member ids and votes are member data: never printed. */
    @Override
    public String toString() {
        return "VotingRecord[line " + line + ", REDACTED]";
    }
}
