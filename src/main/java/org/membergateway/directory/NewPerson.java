package org.membergateway.directory;

import java.util.List;

/**
 * The body of {@code POST /api/v1/people}. Enums and ids arrive as strings so that a wrong one is
 * answered with a 400 naming the field, not a generic JSON error. {@code designation} is required
 * with the DESIGNEE role (see {@link NewDesignation}).
 */
public record NewPerson(String username, String displayName, String password, List<String> roles,
                        List<String> locals, List<String> regions, List<String> employerGroups, String memberId,
                        NewDesignation designation) {

    /** Without a designation: for people who are not DESIGNEE. */
    public NewPerson(String username, String displayName, String password, List<String> roles, List<String> locals,
                     List<String> regions, List<String> employerGroups, String memberId) {
        this(username, displayName, password, roles, locals, regions, employerGroups, memberId, null);
    }

    /** The password never reaches a log line. */
    @Override
    public String toString() {
        return "NewPerson[" + username + "]";
    }
}
