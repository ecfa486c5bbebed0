package org.membergateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.membergateway.acknowledgements.AcknowledgementService;

/** People for integration tests, made and signed up the way a real client does it: over HTTP. */
public final class TestPeople {

    private TestPeople() {
    }

    /** {@code POST /api/v1/people} as {@code admin}; the person has the roles and, if given, the one local. */
    public static void create(ApiClient api, String admin, String username, String displayName, String password,
                              String role, String local) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("username", username);
        person.put("displayName", displayName);
        person.put("password", password);
        person.put("roles", List.of(role));
        if (local != null) {
            person.put("locals", List.of(local));
        }
        HttpResponse<String> created = api.postJson("/api/v1/people", admin, person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /**
     * Signs the current version of every required document online, as the person would on the
     * site: without it the policy allows them nothing.
     */
    public static void acknowledgeEverything(ApiClient api, AcknowledgementService acknowledgements, String authorization,
                                             String displayName) {
        for (AcknowledgementService.RequiredDocument document : acknowledgements.requiredDocuments()) {
            HttpResponse<String> signed = api.postJson("/api/v1/acknowledgements", authorization, Map.of(
                    "documentId", document.documentId(), "version", document.version(), "language", "en",
                    "typedName", displayName));
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        }
    }
}
