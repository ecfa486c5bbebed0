package org.membergateway.directory;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Role;

/**
 * A person as the directory API shows them (never the password hash). {@code roles} are every role
 * grant the person has had, each with its term ({@code from}, {@code until}), {@code status} and
 * {@code inEffect}: pending, scheduled, ended and revoked ones included, so an administrator sees what
 * waits and what ended, not only what counts now. {@link #rolesInEffect} is what counts now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PersonView(String username, String displayName, List<RoleGrantView> roles, List<String> locals,
                         List<String> regions, List<String> employerGroups, String memberId,
                         String openpgpFingerprint, List<CandidacyView> candidacies,
                         @JsonFormat(shape = JsonFormat.Shape.STRING) OffsetDateTime createdAt,
                         boolean disabled, boolean locked) {

    static PersonView from(PeopleDao.PersonRow row, List<CandidacyView> candidacies, List<RoleGrantView> grants,
                           boolean locked) {
        return new PersonView(row.username(), row.displayName(), List.copyOf(grants), row.locals(),
                row.regions(), row.employerGroups(), row.memberId(), row.openpgpFingerprint(),
                List.copyOf(candidacies), row.createdAt(), row.disabled(), locked);
    }

    /** The roles a grant confers now, in the order {@link Role} declares them. */
    @JsonIgnore
    public List<Role> rolesInEffect() {
        return roles.stream().filter(RoleGrantView::inEffect).map(RoleGrantView::role).distinct().sorted().toList();
    }

    /** Without the member link: log lines carry no member ids. */
    @Override
    public String toString() {
        return "PersonView[" + username + " roles=" + rolesInEffect() + "]";
    }
}
