package org.membergateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.members.MemberImporter;
import org.membergateway.members.MembersResource;
import org.mockito.Mockito;

@ExtendWith(DropwizardExtensionsSupport.class)
class InterimAdminGuardTest {

    private static final MemberImporter IMPORTER = Mockito.mock(MemberImporter.class);

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new MembersResource(IMPORTER, 10))
            .addProvider(new InterimAdminGuard(false))
            .build();

    @Test
    void adminEndpointsAreDeniedByDefault() {
        Response response = RESOURCES.target("/api/v1/members/import").request()
                .post(Entity.entity("member_id\n", "text/csv"));
        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.readEntity(ErrorResponse.class).message()).contains("requires an ADMIN");
        Mockito.verifyNoInteractions(IMPORTER);
    }

    @Test
    void onlyLoopbackAddressesCountAsThisMachine() {
        assertThat(InterimAdminGuard.isLoopback("127.0.0.1")).isTrue();
        assertThat(InterimAdminGuard.isLoopback("127.1.2.3")).isTrue();
        assertThat(InterimAdminGuard.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
        assertThat(InterimAdminGuard.isLoopback("::1")).isTrue();
        assertThat(InterimAdminGuard.isLoopback("10.0.0.1")).isFalse();
        assertThat(InterimAdminGuard.isLoopback("::ffff:10.0.0.1")).isFalse();
        assertThat(InterimAdminGuard.isLoopback("1127.0.0.1")).isFalse();
        assertThat(InterimAdminGuard.isLoopback(null)).isFalse();
    }
}
