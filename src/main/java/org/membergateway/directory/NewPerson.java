package org.membergateway.directory;

import java.util.List;

/**
 * The body of {@code POST /api/v1/people}. Enums and ids arrive as strings so that a wrong one is
 * answered with a 400 naming the field, not a generic JSON error.
 */
public record NewPerson(String username, String displayName, String password, List<String> roles,
                        List<String> locals, List<String> regions, List<String> employerGroups, String memberId) {

    /** The password never reaches a log line. */
    @Override
    public String toString() {
        return "NewPerson[" + username + "]";
    }
}
