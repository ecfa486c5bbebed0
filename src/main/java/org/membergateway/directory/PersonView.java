package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Role;

/** A person as the directory API shows them (never the password hash). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(String username, String displayName, List<Role> roles, List<String> locals,
                         List<String> regions, List<String> employerGroups, String memberId,
                         String openpgpFingerprint, List<CandidacyView> candidacies,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt) {

    PersonView withCandidacies(List<CandidacyView> list) {
        return new PersonView(username, displayName, roles, locals, regions, employerGroups, memberId,
                openpgpFingerprint, List.copyOf(list), createdAt);
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonView[" + username + " roles=" + roles + "]";
    }
}
