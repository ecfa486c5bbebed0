package org.membergateway.http;

import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.integration.JaxrsOpenApiContextBuilder;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.integration.OpenApiConfigurationException;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The OpenAPI 3 document, generated from the resources' annotations at start, so every endpoint
 * that exists appears in it and none that does not.
 */
@Path("/api/v1/openapi.json")
@Hidden
// Public: the API description holds no data (see auth.AccessControlFeature).
@PermitAll
public final class OpenApiResource {

    private final String document;

    public OpenApiResource(String version) {
        OpenAPI base = new OpenAPI().info(new Info()
                .title("member-gateway")
                .version(version)
                .description("Policy-enforcing, audited gateway to a union's membership records. "
                        + "Every request for member data is checked against the union's confidentiality policy.")
                .license(new License().name("Proprietary")));
        SwaggerConfiguration config = new SwaggerConfiguration()
                .openAPI(base)
                .prettyPrint(true)
                .resourcePackages(Set.of("org.membergateway"));
        try {
            OpenAPI api = new JaxrsOpenApiContextBuilder<>()
                    .ctxId("member-gateway")
                    .openApiConfiguration(config)
                    .buildContext(true)
                    .read();
            this.document = Json.pretty(api);
        } catch (OpenApiConfigurationException e) {
            throw new IllegalStateException("Could not build the OpenAPI document: " + e.getMessage(), e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return document;
    }
}
