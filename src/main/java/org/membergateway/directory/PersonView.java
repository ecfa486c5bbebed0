package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Role;

/**
 * A person as the directory API shows them (never the password hash). {@code roles} are the roles
 * in effect now; {@code grants} every grant with its term ({@code from}, {@code until}) and status,
 * pending, ended and revoked ones included.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(String username, String displayName, List<Role> roles, List<String> locals,
                         List<String> regions, List<String> employerGroups, String memberId,
                         String openpgpFingerprint, List<CandidacyView> candidacies,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                         List<RoleGrantView> grants, boolean disabled, boolean locked) {

    /** Roles in the order {@link Role} declares them, as the API has always listed them. */
    static PersonView from(PeopleDao.PersonRow row, List<CandidacyView> candidacies, List<RoleGrantView> grants,
                           boolean locked) {
        List<Role> roles = grants.stream().filter(RoleGrantView::inEffect).map(RoleGrantView::role).distinct().sorted()
                .toList();
        return new PersonView(row.username(), row.displayName(), roles, row.locals(),
                row.regions(), row.employerGroups(), row.memberId(), row.openpgpFingerprint(),
                List.copyOf(candidacies), row.createdAt(), List.copyOf(grants), row.disabled(), locked);
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonView[" + username + " roles=" + roles + "]";
    }
}
