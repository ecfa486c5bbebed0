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

    /** Roles in the order {@link Role} declares them, as the API has always listed them. */
    static PersonView from(PeopleDao.PersonRow row, List<CandidacyView> candidacies) {
        return new PersonView(row.username(), row.displayName(), row.roles().stream().sorted().toList(), row.locals(),
                row.regions(), row.employerGroups(), row.memberId(), row.openpgpFingerprint(),
                List.copyOf(candidacies), row.createdAt());
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonView[" + username + " roles=" + roles + "]";
    }
}
