package org.membergateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.membergateway.http.ErrorResponse;
import org.membergateway.signin.AccessControlFeature;
import org.membergateway.signin.GatewayAuthenticator;
import org.membergateway.signin.WebSessions;
import org.mockito.Mockito;

/** Auditor endpoints need credentials (401 without); the checkpoint and key are public. */
@ExtendWith(DropwizardExtensionsSupport.class)
class AuditGuardTest {

    private static final AuditService AUDIT = Mockito.mock(AuditService.class);

    static final ResourceExtension RESOURCES = ResourceExtension.builder()
            .addResource(new AuditResource(AUDIT))
            .addProvider(new AccessControlFeature(Mockito.mock(GatewayAuthenticator.class), Mockito.mock(WebSessions.class)))
            .build();

    @BeforeEach
    void reset() {
        Mockito.reset(AUDIT);
    }

    @Test
    void auditorEndpointsAreDeniedByDefault() {
        for (String path : List.of("/api/v1/audit/entries", "/api/v1/audit/verification", "/api/v1/audit/entries/1/proof",
                "/api/v1/audit/consistency")) {
            Response response = RESOURCES.target(path).request().get();
            assertThat(response.getStatus()).as(path).isEqualTo(401);
            assertThat(response.readEntity(ErrorResponse.class).error()).isEqualTo("UNAUTHORIZED");
        }
        Mockito.verifyNoInteractions(AUDIT);
    }

    @Test
    void theVerifierKeyIsPublic() {
        Mockito.when(AUDIT.verifierKey()).thenReturn("member-gateway/audit+01020304+AQID");
        Response response = RESOURCES.target("/api/v1/audit/verifier-key").request().get();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.readEntity(String.class)).isEqualTo("member-gateway/audit+01020304+AQID");
    }
}
