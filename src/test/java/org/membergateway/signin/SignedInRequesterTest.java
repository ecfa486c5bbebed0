package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.membergateway.auth.Designation;
import org.membergateway.directory.RoleTerm;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.directory.PersonGrants;

/** The principal a signed-in person becomes carries exactly what the directory grants, field by field. */
class SignedInRequesterTest {

    @Test
    void everyGrantLandsInItsOwnField() {
        PersonGrants grants = PersonGrants.of("ana", "Ana Reyes", Set.of(Role.DIRECTOR, Role.MEMBER), Set.of("L1"),
                Set.of("R1", "R2"), Set.of("EG1"), "M42");
        Requester requester = GatewayAuthenticator.requester(grants, Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(requester).isEqualTo(new Requester(Requester.Kind.PERSON, "ana", null, "Ana Reyes",
                Set.of(Role.DIRECTOR, Role.MEMBER), Set.of("L1"), Set.of("R1", "R2"), Set.of("EG1"), "M42", null));
        assertThat(requester.isPerson()).isTrue();
    }

    @Test
    void onlyTermsThatContainTheMomentBecomeRolesAndADesigneeKeepsTheirDesignation() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        Designation designation = new Designation(Set.of("VOTING_DATA"), Set.of("REGION:R1"), end);
        PersonGrants grants = new PersonGrants("ana", "Ana", List.of(new RoleTerm(Role.STAFF, start, end, null),
                new RoleTerm(Role.DESIGNEE, start, end, designation)), Set.of(), Set.of(), Set.of(), null);

        assertThat(GatewayAuthenticator.requester(grants, start.minusSeconds(1)).roles()).as("before from").isEmpty();
        Requester during = GatewayAuthenticator.requester(grants, start);
        assertThat(during.roles()).containsExactlyInAnyOrder(Role.STAFF, Role.DESIGNEE);
        assertThat(during.designation()).isEqualTo(designation);
        Requester after = GatewayAuthenticator.requester(grants, end);
        assertThat(after.roles()).as("until is exclusive").isEmpty();
        assertThat(after.designation()).isNull();
    }
}
