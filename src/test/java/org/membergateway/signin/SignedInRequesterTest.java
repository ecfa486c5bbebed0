package org.membergateway.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.directory.PersonGrants;

/** The principal a signed-in person becomes carries exactly what the directory grants, field by field. */
class SignedInRequesterTest {

    @Test
    void everyGrantLandsInItsOwnField() {
        PersonGrants grants = new PersonGrants("ana", "Ana Reyes", Set.of(Role.DIRECTOR, Role.MEMBER), Set.of("L1"),
                Set.of("R1", "R2"), Set.of("EG1"), "M42");
        Requester requester = GatewayAuthenticator.requester(grants);
        assertThat(requester).isEqualTo(new Requester(Requester.Kind.PERSON, "ana", null, "Ana Reyes",
                Set.of(Role.DIRECTOR, Role.MEMBER), Set.of("L1"), Set.of("R1", "R2"), Set.of("EG1"), "M42"));
        assertThat(requester.isPerson()).isTrue();
    }
}
